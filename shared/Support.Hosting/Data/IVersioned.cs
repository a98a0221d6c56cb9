namespace Support.Hosting.Data;

/// <summary>A row clients change with merge-patch: its version is its ETag, checked against If-Match and moved by every change.</summary>
public interface IVersioned
{
    int Id { get; }
    int Version { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}
