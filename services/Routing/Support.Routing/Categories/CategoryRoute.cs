namespace Support.Routing.Categories;

/// <summary>Where tickets of a category go: a group, and the skills an agent needs under skills-based routing.</summary>
public class CategoryRoute
{
    public const int NameMaxLength = 100;

    public string Category { get; set; } = "";
    public int? GroupId { get; set; }
    public List<string> RequiredSkills { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}
