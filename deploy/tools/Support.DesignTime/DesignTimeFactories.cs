using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Support.Analytics.Data;
using Support.Automation.Data;
using Support.Channels.Data;
using Support.Identity.Data;
using Support.KnowledgeBase.Data;
using Support.Routing.Data;
using Support.Ticket.Data;

namespace Support.DesignTime;

// Migrations are generated for PostgreSQL; no database is contacted.
public sealed class TicketDbContextFactory : IDesignTimeDbContextFactory<TicketDbContext>
{
    public TicketDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TicketDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

public sealed class RoutingDbContextFactory : IDesignTimeDbContextFactory<RoutingDbContext>
{
    public RoutingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RoutingDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

public sealed class KnowledgeBaseDbContextFactory : IDesignTimeDbContextFactory<KnowledgeBaseDbContext>
{
    public KnowledgeBaseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KnowledgeBaseDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

public sealed class AnalyticsDbContextFactory : IDesignTimeDbContextFactory<AnalyticsDbContext>
{
    public AnalyticsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AnalyticsDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

public sealed class IdentityDbContextFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

public sealed class ChannelsDbContextFactory : IDesignTimeDbContextFactory<ChannelsDbContext>
{
    public ChannelsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ChannelsDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

public sealed class AutomationDbContextFactory : IDesignTimeDbContextFactory<AutomationDbContext>
{
    public AutomationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AutomationDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

public static class Program
{
    public static void Main() { }
}
