using MassTransit;
using Support.Channels.Data;
using Support.Channels.Tickets;
using Support.Contracts.Identity;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

public sealed class UserUpdatedConsumer(ChannelsDbContext db, TimeProvider clock, ILogger<UserUpdatedConsumer> logger)
    : InboxConsumer<UserUpdated, ChannelsDbContext>(db, clock, logger)
{
    protected override bool Ignores(UserUpdated user) => user.AgentId is null;

    protected override Task Handle(ConsumeContext<UserUpdated> context) =>
        Threads.KeepContactAsync(Db, Contact.Agent, context.Message.AgentId!.Value, context.Message.Email, context.Message.Name, context.CancellationToken);
}
