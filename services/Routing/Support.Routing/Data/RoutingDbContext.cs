using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Routing.Agents;
using Support.Routing.Categories;
using Support.Routing.Classifier;
using Support.Routing.Groups;
using Support.Routing.Tickets;

namespace Support.Routing.Data;

public class RoutingDbContext(DbContextOptions<RoutingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<RoutedTicket> Tickets => Set<RoutedTicket>();
    public DbSet<CategoryRoute> CategoryRoutes => Set<CategoryRoute>();
    public DbSet<ClassifierExample> ClassifierExamples => Set<ClassifierExample>();
    public DbSet<ClassifierModel> ClassifierModels => Set<ClassifierModel>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Each entity's mapping is beside it, in its *EntityTypeConfiguration.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RoutingDbContext).Assembly);
    }
}
