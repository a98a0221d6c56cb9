using MassTransit;
using Support.Channels.Data;
using Support.Channels.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>Keeps the thread's subject and status as they change.</summary>
public sealed class TicketUpdatedConsumer(ChannelsDbContext db, TimeProvider clock, ILogger<TicketUpdatedConsumer> logger)
    : InboxConsumer<TicketUpdated, ChannelsDbContext>(db, clock, logger)
{
    protected override bool Ignores(TicketUpdated updated) => !updated.Changes.Any(c => c.Field is "subject" or "status");

    protected override async Task Handle(ConsumeContext<TicketUpdated> context)
    {
        var thread = await Threads.RequireAsync(Db, context.Message.TicketId, context.CancellationToken);
        foreach (var change in context.Message.Changes)
        {
            if (change.Field == "subject" && change.NewValue is { } subject)
                thread.Subject = subject;
            if (change.Field == "status" && change.NewValue is { } status)
                thread.Status = status;
        }
    }
}
