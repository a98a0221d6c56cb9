using MassTransit;
using Support.Channels.Data;
using Support.Channels.Tickets;
using Support.Contracts.Identity;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>An agent's address, from their user (assignment notices go there).</summary>
public sealed class UserCreatedConsumer(ChannelsDbContext db, TimeProvider clock, ILogger<UserCreatedConsumer> logger)
    : InboxConsumer<UserCreated, ChannelsDbContext>(db, clock, logger)
{
    protected override bool Ignores(UserCreated user) => user.AgentId is null;

    protected override Task Handle(ConsumeContext<UserCreated> context) =>
        Threads.KeepContactAsync(Db, Contact.Agent, context.Message.AgentId!.Value, context.Message.Email, context.Message.Name, context.CancellationToken);
}
