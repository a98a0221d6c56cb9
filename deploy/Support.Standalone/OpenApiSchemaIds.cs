using Swashbuckle.AspNetCore.SwaggerGen;

namespace Support.Standalone;

/// <summary>
/// One OpenAPI document for several services: a type name that more than one service uses (each has its own
/// TicketPriority) is prefixed with its service's name ("Routing.TicketPriority"); other names stay as they are.
/// </summary>
public static class OpenApiSchemaIds
{
    public static void UseServicePrefixForSharedNames(this SwaggerGenOptions options, params Type[] serviceMarkers)
    {
        var shared = serviceMarkers
            .SelectMany(marker => marker.Assembly.GetExportedTypes().Select(type => (type.Name, marker.Assembly)))
            .Distinct()
            .GroupBy(t => t.Name)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet();
        var services = serviceMarkers.Select(marker => marker.Assembly).ToHashSet();
        options.CustomSchemaIds(type => SchemaId(type, shared, services));
    }

    // Like Swashbuckle's default: a generic type's id is its arguments' ids followed by its name (TicketResponsePage).
    private static string SchemaId(Type type, HashSet<string> shared, HashSet<System.Reflection.Assembly> services)
    {
        if (type.IsConstructedGenericType)
            return string.Concat(type.GetGenericArguments().Select(t => SchemaId(t, shared, services))) + type.Name.Split('`')[0];
        var name = type.Name.Replace("[]", "Array");
        return shared.Contains(type.Name) && services.Contains(type.Assembly)
            ? $"{type.Assembly.GetName().Name!.Split('.')[^1]}.{name}"
            : name;
    }
}
