namespace Support.Hosting.Http;

/// <summary>
/// Refuses query-string values, route values and headers holding text the databases cannot store (NUL, unpaired
/// surrogates) with a 400 naming them, before any handler sees them. JSON bodies are checked by <see cref="StorableStringConverter"/>.
/// </summary>
public sealed class StorableRequestTextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        foreach (var (name, values) in context.Request.Query)
            Check(errors, name, values);
        foreach (var (name, value) in context.Request.RouteValues)
            if (value is string text && !StorableText.IsStorable(text))
                errors.Add(name, $"'{name}' {StorableText.Problem}");
        foreach (var (name, values) in context.Request.Headers)
            Check(errors, name, values);
        return errors.Any ? Problems.Invalid(errors.ToDictionary()).ExecuteAsync(context) : next(context);
    }

    private static void Check(ValidationErrors errors, string name, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (!StorableText.IsStorable(name) || values.Any(v => v is not null && !StorableText.IsStorable(v)))
            errors.Add(name, $"'{name}' {StorableText.Problem}");
    }
}
