using MassTransit;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Channels.Tickets;
using Support.Contracts.Tickets;
using Support.Hosting.Inbox;

namespace Support.Channels.Consumers;

/// <summary>Tells the agent a ticket is now theirs (when Identity has told this service the agent's address).</summary>
public sealed class TicketAssignedConsumer(ChannelsDbContext db, EmailComposer composer, TimeProvider clock, ILogger<TicketAssignedConsumer> logger)
    : InboxConsumer<TicketAssigned, ChannelsDbContext>(db, clock, logger)
{
    protected override bool Ignores(TicketAssigned assigned) => assigned.AssigneeId == assigned.PreviousAssigneeId;

    protected override async Task Handle(ConsumeContext<TicketAssigned> context)
    {
        var assigned = context.Message;
        var ct = context.CancellationToken;
        var thread = await Threads.RequireAsync(Db, assigned.TicketId, ct);
        thread.AssigneeId = assigned.AssigneeId;
        if (await Threads.ContactAsync(Db, Contact.Agent, assigned.AssigneeId, ct) is not { } agent)
            return;
        var requester = await Threads.RequireRequesterAsync(Db, thread, ct);
        await composer.QueueAsync(TemplateNames.TicketAssigned, thread, agent, new EmailValues(requester, agent), automatic: true, locale: null, ct);
    }
}
