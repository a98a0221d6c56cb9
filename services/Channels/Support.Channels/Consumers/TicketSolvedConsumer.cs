using MassTransit;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Channels.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>Tells the requester their ticket is solved, with the link to rate the support.</summary>
public sealed class TicketSolvedConsumer(ChannelsDbContext db, EmailComposer composer, TimeProvider clock, ILogger<TicketSolvedConsumer> logger)
    : InboxConsumer<TicketSolved, ChannelsDbContext>(db, clock, logger)
{
    protected override async Task Handle(ConsumeContext<TicketSolved> context)
    {
        var ct = context.CancellationToken;
        var thread = await Threads.RequireAsync(Db, context.Message.TicketId, ct);
        thread.Status = "solved";
        var requester = await Threads.RequireRequesterAsync(Db, thread, ct);
        var agent = await Threads.ContactAsync(Db, Contact.Agent, context.Message.AssigneeId, ct);
        await composer.QueueAsync(TemplateNames.TicketSolved, thread, requester, new EmailValues(requester, agent), automatic: true, locale: null, ct);
    }
}
