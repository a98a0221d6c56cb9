using System.Text;

namespace Support.Benchmarks.KnowledgeBase;

/// <summary>
/// Fills templates such as "If your {n} is {s}, {v} the {n2} and try again." with words of a topic: mostly the
/// article's own topic, sometimes a related one, sometimes a general help-centre word; each slot is drawn anew.
/// Slots: n/n2 noun, v verb, s/s2 state, g general noun, gv general verb, p product, num number, code error code,
/// city; capitalised (N, V, G, GV, S) the same word with a capital first letter. Chinese: the Chinese lists, e a
/// platform (手机端, 小程序 …), p a Chinese product series; in mixed Chinese text e is an English product word (App,
/// iPhone …) and p and city are often English names.
/// </summary>
public sealed class Phrases(Random random, Topic topic, Topic related, bool chinese, bool mixed)
{
    private const double RelatedShare = 0.15;
    private const double GeneralShare = 0.15;

    public Random Random => random;
    public Topic Topic => topic;

    public string Fill(string template)
    {
        var text = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            var end = c == '{' ? template.IndexOf('}', i) : -1;
            if (end < 0)
            {
                text.Append(c);
                continue;
            }
            var word = Slot(template[(i + 1)..end]);
            // "a" before a vowel sound: "an expired card".
            if (!chinese && "aeiouAEIOU".Contains(word[0]) && text.Length >= 2 && text[^1] == ' ' && text[^2] is 'a' or 'A'
                && (text.Length == 2 || text[^3] == ' '))
                text.Insert(text.Length - 1, 'n');
            text.Append(word);
            i = end;
        }
        return text.ToString();
    }

    public string Pick(string[] templates) => Fill(templates[random.Next(templates.Length)]);

    private string Slot(string key)
    {
        var word = key.ToLowerInvariant() switch
        {
            "n" or "n2" => Noun(),
            "v" or "v2" => Verb(),
            "s" or "s2" => State(),
            "g" or "g2" => chinese ? Vocabulary.ZhGeneralNouns.Next(random) : Vocabulary.GeneralNouns.Next(random),
            "gv" => chinese ? Vocabulary.ZhGeneralVerbs.Next(random) : Vocabulary.GeneralVerbs.Next(random),
            "p" => Product(),
            "e" => chinese && !mixed ? Vocabulary.ZhPlatforms.Next(random) : Vocabulary.EnglishInChinese.Next(random),
            "num" => Vocabulary.Numbers.Next(random),
            "code" => Vocabulary.ErrorCodes.Next(random),
            "city" => chinese && !mixed ? Vocabulary.ZhCities.Next(random) : Vocabulary.Cities.Next(random),
            _ => throw new ArgumentException($"unknown slot {{{key}}}"),
        };
        return char.IsUpper(key[0]) ? Capitalised(word) : word;
    }

    public string Noun() => Draw(t => chinese ? t.ZhNouns : t.Nouns, chinese ? Vocabulary.ZhGeneralNouns : Vocabulary.GeneralNouns);

    public string Verb() => Draw(t => chinese ? t.ZhVerbs : t.Verbs, chinese ? Vocabulary.ZhGeneralVerbs : Vocabulary.GeneralVerbs);

    public string State() => Draw(t => chinese ? t.ZhStates : t.States, null);

    public string Product() =>
        !chinese ? Vocabulary.Products.Next(random)
        : mixed && random.NextDouble() < 0.5 ? Vocabulary.Products.Next(random)
        : Vocabulary.ZhProducts.Next(random);

    private string Draw(Func<Topic, WordList> list, WordList? general)
    {
        var u = random.NextDouble();
        if (general is not null && u < GeneralShare)
            return general.Next(random);
        return list(u < GeneralShare + RelatedShare ? related : topic).Next(random);
    }

    private static string Capitalised(string word) => word.Length == 0 || !char.IsLower(word[0]) ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
