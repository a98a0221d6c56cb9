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

        modelBuilder.Entity<Group>(group =>
        {
            group.ToTable("groups");
            group.Property(g => g.Name).HasMaxLength(Group.NameMaxLength);
            group.Property(g => g.Policy).HasConversion<string>().HasMaxLength(20);
            group.Property(g => g.Version).IsConcurrencyToken();
            group.HasIndex(g => g.Name).IsUnique();
            group.HasOne<Group>().WithMany().HasForeignKey(g => g.EscalatesToId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Agent>(agent =>
        {
            agent.ToTable("agents");
            agent.Property(a => a.Name).HasMaxLength(Agent.NameMaxLength);
            agent.Property(a => a.Email).HasMaxLength(Hosting.Http.EmailAddress.MaxLength);
            agent.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
            agent.Property(a => a.Version).IsConcurrencyToken();
            agent.HasIndex(a => a.Email).IsUnique();
            agent.OwnsMany(a => a.Skills, skills => skills.ToJson());
        });

        modelBuilder.Entity<RoutedTicket>(ticket =>
        {
            ticket.ToTable("tickets");
            ticket.HasKey(t => t.TicketId);
            ticket.Property(t => t.TicketId).ValueGeneratedNever();
            ticket.Property(t => t.Subject).HasMaxLength(RoutedTicket.SubjectMaxLength);
            ticket.Property(t => t.Description).HasMaxLength(RoutedTicket.TextMaxLength);
            ticket.Property(t => t.Category).HasMaxLength(CategoryRoute.NameMaxLength);
            ticket.Property(t => t.State).HasConversion<string>().HasMaxLength(10);
            ticket.Property(t => t.Policy).HasMaxLength(20);
            ticket.Property(t => t.Reason).HasMaxLength(500);
            // The queue's order: the highest priority first (stored as its rank), then the longest waiting.
            ticket.HasIndex(t => new { t.State, t.GroupId, t.Priority, t.QueuedAt });
            ticket.HasIndex(t => t.AgentId);
            ticket.HasIndex(t => t.EscalationDueAt).HasFilter("\"EscalationDueAt\" IS NOT NULL");
        });

        modelBuilder.Entity<CategoryRoute>(route =>
        {
            route.ToTable("category_routes");
            route.HasKey(r => r.Category);
            route.Property(r => r.Category).HasMaxLength(CategoryRoute.NameMaxLength);
            route.HasOne<Group>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ClassifierExample>(example =>
        {
            example.ToTable("classifier_examples");
            example.Property(e => e.Subject).HasMaxLength(RoutedTicket.SubjectMaxLength);
            example.Property(e => e.Description).HasMaxLength(RoutedTicket.TextMaxLength);
            example.Property(e => e.Category).HasMaxLength(CategoryRoute.NameMaxLength);
            example.Property(e => e.Priority).HasMaxLength(10);
            example.HasIndex(e => e.TicketId).IsUnique();
        });

        modelBuilder.Entity<ClassifierModel>(model =>
        {
            model.ToTable("classifier_models");
            model.HasKey(m => m.Version);
        });
    }
}
