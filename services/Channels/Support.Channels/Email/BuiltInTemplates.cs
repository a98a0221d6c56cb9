using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;
using Support.Hosting.Data;

namespace Support.Channels.Email;

/// <summary>Adds the built-in templates (en and zh-CN) that are missing at start; an admin's edits are kept.</summary>
public sealed class BuiltInTemplates(IServiceScopeFactory scopes, TimeProvider clock) : IHostedService
{
    public static readonly IReadOnlyList<(string Name, string Locale, string Subject, string Body)> All =
    [
        (TemplateNames.TicketCreated, "en", "We received your request: {{ticket.subject}}",
            "<p>Hello {{requester.name}},</p>\n<p>Thank you for writing to us. Your request <b>#{{ticket.id}}</b> has been received and an agent will reply soon.</p>\n<p>To add anything, reply to this email.</p>"),
        (TemplateNames.TicketCreated, "zh-CN", "我们已收到您的请求：{{ticket.subject}}",
            "<p>{{requester.name}}，您好：</p>\n<p>感谢您的来信。您的请求 <b>#{{ticket.id}}</b> 已收到，客服会尽快回复您。</p>\n<p>如需补充信息，请直接回复此邮件。</p>"),
        (TemplateNames.AgentReply, "en", "Re: {{ticket.subject}}",
            "<p>{{comment.body}}</p>\n<p>— {{agent.name}}</p>"),
        (TemplateNames.AgentReply, "zh-CN", "回复：{{ticket.subject}}",
            "<p>{{comment.body}}</p>\n<p>— {{agent.name}}</p>"),
        (TemplateNames.TicketSolved, "en", "Your request has been solved: {{ticket.subject}}",
            "<p>Hello {{requester.name}},</p>\n<p>Your request <b>#{{ticket.id}}</b> has been solved. If it is not, reply to this email and it reopens.</p>\n<p>How did we do? <a href=\"{{satisfaction.url}}\">Rate our support</a>.</p>"),
        (TemplateNames.TicketSolved, "zh-CN", "您的请求已解决：{{ticket.subject}}",
            "<p>{{requester.name}}，您好：</p>\n<p>您的请求 <b>#{{ticket.id}}</b> 已解决。如果问题仍未解决，请回复此邮件，请求会重新打开。</p>\n<p>请<a href=\"{{satisfaction.url}}\">评价我们的服务</a>。</p>"),
        (TemplateNames.TicketAssigned, "en", "Ticket assigned to you: {{ticket.subject}}",
            "<p>Hello {{agent.name}},</p>\n<p>Ticket <b>#{{ticket.id}}</b> from {{requester.name}} is now yours: <a href=\"{{ticket.url}}\">{{ticket.subject}}</a>.</p>"),
        (TemplateNames.TicketAssigned, "zh-CN", "工单已分配给您：{{ticket.subject}}",
            "<p>{{agent.name}}，您好：</p>\n<p>来自 {{requester.name}} 的工单 <b>#{{ticket.id}}</b> 已分配给您：<a href=\"{{ticket.url}}\">{{ticket.subject}}</a>。</p>"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChannelsDbContext>();
        var existing = await db.Templates.Select(t => new { t.Name, t.Locale }).ToListAsync(cancellationToken);
        foreach (var (name, locale, subject, body) in All.Where(t => !existing.Any(e => e.Name == t.Name && e.Locale == t.Locale)))
            db.Templates.Add(new EmailTemplate { Name = name, Locale = locale, Subject = subject, Body = body, UpdatedAt = clock.Now() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another replica added them first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
