using MassTransit;
using Support.Channels.Data;
using Support.Channels.Tickets;
using Support.Contracts.Customers;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

public sealed class CustomerCreatedConsumer(ChannelsDbContext db, TimeProvider clock, ILogger<CustomerCreatedConsumer> logger)
    : InboxConsumer<CustomerCreated, ChannelsDbContext>(db, clock, logger)
{
    protected override Task Handle(ConsumeContext<CustomerCreated> context) =>
        Threads.KeepContactAsync(Db, Contact.Customer, context.Message.CustomerId, context.Message.Email, context.Message.Name, context.CancellationToken);
}
