using Support.Hosting.Data;

namespace Support.Channels.Email;

/// <summary>
/// A notification's subject and HTML body in one locale, with {{placeholders}} (<see cref="TemplateRenderer"/>).
/// The built-in ones are added at start (<see cref="BuiltInTemplates"/>); admins edit them through the API.
/// </summary>
public class EmailTemplate : IVersioned
{
    public const int SubjectMaxLength = 500;
    public const int BodyMaxLength = 50_000;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Locale { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public int Version { get; set; } = 1;
    public DateTimeOffset UpdatedAt { get; set; }
}
