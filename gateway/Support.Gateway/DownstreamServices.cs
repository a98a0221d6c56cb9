namespace Support.Gateway;

/// <summary>Every cluster of the reverse proxy is one downstream service, named by its cluster id.</summary>
public static class DownstreamServices
{
    public static IEnumerable<string> Names(IConfiguration configuration) =>
        configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(cluster => cluster.Key);
}
