using MassTransit;
using Support.Channels.Data;
using Support.Channels.Tickets;
using Support.Contracts.Customers;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>A requester's new address or name (TicketCreated brings the first).</summary>
public sealed class CustomerUpdatedConsumer(ChannelsDbContext db, TimeProvider clock, ILogger<CustomerUpdatedConsumer> logger)
    : InboxConsumer<CustomerUpdated, ChannelsDbContext>(db, clock, logger)
{
    protected override Task Handle(ConsumeContext<CustomerUpdated> context) =>
        Threads.KeepContactAsync(Db, Contact.Customer, context.Message.CustomerId, context.Message.Email, context.Message.Name, context.CancellationToken);
}
