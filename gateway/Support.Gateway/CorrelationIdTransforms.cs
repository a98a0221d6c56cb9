using Support.Hosting.Http;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Support.Gateway;

/// <summary>
/// Sends the request's correlation id (the client's, or the one the correlation middleware made) to the service,
/// and returns that same id to the client.
/// </summary>
public static class CorrelationIdTransforms
{
    public static void Add(TransformBuilderContext context)
    {
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            headers.Remove(CorrelationId.HeaderName);
            headers.TryAddWithoutValidation(CorrelationId.HeaderName, CorrelationId.Current);
            return ValueTask.CompletedTask;
        });
        // Copying the service's response headers appends its echo of the id to the one the middleware already set.
        context.AddResponseTransform(transform =>
        {
            if (CorrelationId.Current is { } id)
                transform.HttpContext.Response.Headers[CorrelationId.HeaderName] = id;
            return ValueTask.CompletedTask;
        });
    }
}
