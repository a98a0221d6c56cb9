using Support.Hosting.Http;

namespace Support.KnowledgeBase.Categories;

/// <summary>The fields a PATCH of a category may change, read from its body: null clears the description.</summary>
public sealed record CategoryChange(Optional<string> Name, Optional<string> Description, Optional<int> Position)
{
    public static CategoryChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new CategoryChange(patch.Field<string>("name"), patch.Field<string>("description", nullable: true), patch.Field<int>("position"));
        if (change.Name.IsSet) errors.Required("name", change.Name.Value, Category.NameMaxLength);
        if (change.Description.IsSet) errors.MaxLength("description", change.Description.Value, Category.DescriptionMaxLength);
        if (change.Position is { IsSet: true, Value: < 0 }) errors.Add("position", "'position' must be 0 or more.");
        return change;
    }

    public bool ApplyTo(Category category)
    {
        var before = (category.Name, category.Description, category.Position);
        if (Name.IsSet) category.Name = Name.Value!.Trim();
        if (Description.IsSet) category.Description = string.IsNullOrWhiteSpace(Description.Value) ? null : Description.Value.Trim();
        if (Position.IsSet) category.Position = Position.Value;
        return before != (category.Name, category.Description, category.Position);
    }
}
