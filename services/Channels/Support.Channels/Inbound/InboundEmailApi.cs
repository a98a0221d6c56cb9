using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;
using Support.Hosting.Http;
using Support.Hosting.Text;

namespace Support.Channels.Inbound;

public static class InboundEmailApi
{
    public static RouteGroupBuilder MapInboundEmailApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/channels/email").WithTags("Incoming email");
        api.MapPost("/inbound", Receive).WithName("ReceiveEmail")
            .WithSummary("Takes one raw RFC 822 message (Content-Type: message/rfc822), as a mail provider forwards it: 202 when it goes to a ticket; 200 when it is recorded as ignored (automatic mail, a loop) or rejected (too large, unreadable), or was taken before. Either way the provider need not send it again.")
            .Accepts<string>("message/rfc822").ProducesProblem(415);
        api.MapGet("/inbound", List).WithName("ListInboundEmail")
            .WithSummary("Received email, newest first; filter by status (accepted, ignored, rejected) to see what did not become a ticket.");
        return api;
    }

    public static async Task<Results<Accepted<InboundEmailResponse>, Ok<InboundEmailResponse>, ProblemHttpResult>> Receive(
        HttpRequest request, InboundEmailIntake intake, CancellationToken ct)
    {
        if (request.ContentType is null)
            return TypedResults.Problem(title: "Unsupported Media Type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the raw message with 'Content-Type: message/rfc822'.");
        var (email, duplicate) = await intake.TakeAsync(request.Body, "http", ct);
        var response = InboundEmailResponse.From(email, duplicate);
        return email.Status == InboundEmailStatus.Accepted && !duplicate
            ? TypedResults.Accepted($"/api/channels/email/inbound/{email.Id}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<Page<InboundEmailResponse>>, ValidationProblem>> List(
        ChannelsDbContext db, CancellationToken ct, string? status = null, int? limit = null)
    {
        var errors = new ValidationErrors();
        var take = Cursor.Limit(limit, errors);
        InboundEmailStatus? wanted = null;
        if (status is not null && (wanted = EnumText.Parse<InboundEmailStatus>(status)) is null)
            errors.Add("status", $"'{status}' is not a status: use one of {EnumText.Allowed<InboundEmailStatus>()}.");
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var query = db.InboundEmails.AsNoTracking();
        if (wanted is not null)
            query = query.Where(e => e.Status == wanted);
        var rows = await query.OrderByDescending(e => e.ReceivedAt).Take(take).ToListAsync(ct);
        return TypedResults.Ok(new Page<InboundEmailResponse>(rows.Select(e => InboundEmailResponse.From(e, false)).ToList(), null));
    }
}

public sealed record InboundEmailResponse(
    Guid Id, string MessageId, string FromAddress, string Subject, string Source, long Size, string Status, string? Reason,
    int? TicketId, long? CommentId, bool Duplicate, DateTimeOffset ReceivedAt)
{
    public static InboundEmailResponse From(InboundEmail e, bool duplicate) =>
        new(e.Id, e.MessageId, e.FromAddress, e.Subject, e.Source, e.Size, e.Status.Wire(), e.Reason, e.TicketId, e.CommentId, duplicate, e.ReceivedAt);
}
