using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;
using Support.Hosting.Http;

namespace Support.Channels.Email;

public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/channels/templates").WithTags("Email templates");
        api.MapGet("/", List).WithName("ListEmailTemplates").WithSummary("Every template, by name and locale, with the placeholders they may use.");
        api.MapGet("/{id:int}", Get).WithName("GetEmailTemplate").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateEmailTemplate").Accepts<UpdateTemplateRequest>("application/json")
            .WithSummary("Changes a template's subject or HTML body; placeholders' values are HTML-escaped when sent.")
            .ProducesProblem(404).ProducesProblem(412);
        return api;
    }

    public static async Task<Ok<TemplateList>> List(ChannelsDbContext db, CancellationToken ct)
    {
        var templates = await db.Templates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Locale).ToListAsync(ct);
        return TypedResults.Ok(new TemplateList(templates.Select(TemplateResponse.From).ToList(), TemplateRenderer.Placeholders));
    }

    public static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> Get(int id, ChannelsDbContext db, HttpResponse response, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
            return Problems.NotFound("Template", id);
        ETag.Set(response, template.Version);
        return TypedResults.Ok(TemplateResponse.From(template));
    }

    public static Task<Results<Ok<TemplateResponse>, ValidationProblem, ProblemHttpResult>> Update([AsParameters] MergePatchRequest patch, ChannelsDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<EmailTemplate, TemplateChange>
        {
            Resource = "Template",
            Read = TemplateChange.Read,
            Apply = (template, change, _) => change.ApplyTo(template),
        }, TemplateResponse.From);
}
