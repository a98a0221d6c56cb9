using Support.Hosting.Data;

namespace Support.KnowledgeBase.Categories;

/// <summary>A category (no parent) or a section of one (ParentId set): two levels, each ordered by Position.</summary>
public class Category : IVersioned
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;

    public int Id { get; set; }
    public int? ParentId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int Position { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
