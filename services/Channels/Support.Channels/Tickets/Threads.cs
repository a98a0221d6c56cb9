using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;

namespace Support.Channels.Tickets;

/// <summary>Reading and keeping Channels' copies of tickets and contacts.</summary>
public static class Threads
{
    public static async Task<TicketThread> RequireAsync(ChannelsDbContext db, int ticketId, CancellationToken ct) =>
        await db.Threads.FirstOrDefaultAsync(t => t.TicketId == ticketId, ct) ?? throw new TicketNotKnownYetException(ticketId);

    public static Task<Contact?> ContactAsync(ChannelsDbContext db, string kind, int? id, CancellationToken ct) =>
        id is null ? Task.FromResult<Contact?>(null) : db.Contacts.FirstOrDefaultAsync(c => c.Kind == kind && c.Id == id, ct);

    public static async Task<Contact> RequireRequesterAsync(ChannelsDbContext db, TicketThread thread, CancellationToken ct) =>
        await ContactAsync(db, Contact.Customer, thread.RequesterId, ct)
            ?? throw new InvalidOperationException($"Ticket {thread.TicketId}'s requester {thread.RequesterId} has no contact here.");

    public static async Task KeepContactAsync(ChannelsDbContext db, string kind, int id, string email, string name, CancellationToken ct)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Kind == kind && c.Id == id, ct);
        if (contact is null)
            db.Contacts.Add(contact = new Contact { Kind = kind, Id = id });
        contact.Email = email;
        contact.Name = name;
    }

    /// <summary>zh-CN when the text is mostly written in Chinese characters, else the default locale.</summary>
    public static string LocaleOf(string text, string defaultLocale)
    {
        var han = text.Count(c => c is >= '\u4e00' and <= '\u9fff');
        var latin = text.Count(char.IsAsciiLetter);
        return han > 0 && han * 2 >= latin / 4 ? "zh-CN" : defaultLocale;
    }
}
