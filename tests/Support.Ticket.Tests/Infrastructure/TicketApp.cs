using Microsoft.AspNetCore.Hosting;

namespace Support.Ticket.Tests.Infrastructure;

/// <summary>The Ticket service in-process on a database of its own, publishing to the real RabbitMQ.</summary>
public sealed class TicketApp : ServiceApp<Program>
{
    public TicketApp() : base("Ticket")
    {
    }

    /// <summary>On SQLite with the in-memory bus, as the standalone host runs it (started and disposed by its test).</summary>
    internal TicketApp(bool sqlite) : base("Ticket", sqlite)
    {
    }

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Outbox:PublishTimeout", "00:00:03");
}

[CollectionDefinition(Name)]
public sealed class TicketAppCollection : ICollectionFixture<TicketApp>
{
    public const string Name = "ticket service on PostgreSQL and RabbitMQ";
}
