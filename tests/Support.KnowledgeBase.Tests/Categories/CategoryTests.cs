using System.Net;
using System.Net.Http.Json;
using Support.KnowledgeBase.Categories;
using Support.KnowledgeBase.Tests.Infrastructure;

namespace Support.KnowledgeBase.Tests.Categories;

/// <summary>Categories and their sections: two levels, each ordered by position then id, edited with If-Match.</summary>
public sealed class CategoryTests(KnowledgeBaseAppFixture fixture) : IClassFixture<KnowledgeBaseAppFixture>
{
    private readonly KnowledgeBaseApp app = fixture.App;
    private readonly HttpClient client = fixture.App.Client("agent:5");

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task A_new_category_is_created_with_201_Location_and_ETag_and_reads_back_with_its_sections()
    {
        var response = await client.PostAsJsonAsync("/api/kb/categories", new { name = "  Accounts  ", description = "Sign-in and profile" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<CategoryResponse>();
        Assert.Equal($"/api/kb/categories/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("Accounts", "Sign-in and profile", (int?)null), (created.Name, created.Description, created.ParentId));

        var section = await client.CreateCategoryAsync("Passwords", parentId: created.Id);
        Assert.Equal((int?)created.Id, section.ParentId);

        var read = await client.GetAsync($"/api/kb/categories/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var category = await read.ReadAsync<CategoryResponse>();
        Assert.Equal((created.Id, "Accounts", "Sign-in and profile"), (category.Id, category.Name, category.Description));
        Assert.Equal([section.Id], category.Sections!.Select(s => s.Id));

        var readSection = await (await client.GetAsync($"/api/kb/categories/{section.Id}")).ReadAsync<CategoryResponse>();
        Assert.Equal(("Passwords", (int?)created.Id), (readSection.Name, readSection.ParentId));
        Assert.Null(readSection.Sections);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/kb/categories/987654")).StatusCode);
    }

    [Fact]
    public async Task The_tree_has_two_levels_each_ordered_by_position_then_id()
    {
        var third = await client.CreateCategoryAsync(Unique("Third"), position: 20);
        var firstByPosition = await client.CreateCategoryAsync(Unique("First"), position: 5);
        var tiedBefore = await client.CreateCategoryAsync(Unique("Tied before"), position: 10);
        var tiedAfter = await client.CreateCategoryAsync(Unique("Tied after"), position: 10);
        var sectionB = await client.CreateCategoryAsync(Unique("Section B"), parentId: firstByPosition.Id, position: 2);
        var sectionA = await client.CreateCategoryAsync(Unique("Section A"), parentId: firstByPosition.Id, position: 1);
        var sectionC = await client.CreateCategoryAsync(Unique("Section C"), parentId: firstByPosition.Id, position: 2);
        var defaultPosition = await client.CreateCategoryAsync(Unique("Appended"), parentId: third.Id);
        var appendedToo = await client.CreateCategoryAsync(Unique("Appended too"), parentId: third.Id);

        var tree = (await client.GetFromJsonAsync<List<CategoryResponse>>("/api/kb/categories", KnowledgeBaseApp.Json))!;

        var mine = new[] { third.Id, firstByPosition.Id, tiedBefore.Id, tiedAfter.Id }.ToHashSet(); // ties: the lower id first
        Assert.Equal([firstByPosition.Id, tiedBefore.Id, tiedAfter.Id, third.Id], tree.Where(c => mine.Contains(c.Id)).Select(c => c.Id));
        Assert.All(tree, c => Assert.Null(c.ParentId)); // sections are not at the top level
        Assert.Equal(tree.OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => c.Id), tree.Select(c => c.Id));

        var first = tree.Single(c => c.Id == firstByPosition.Id);
        Assert.Equal([sectionA.Id, sectionB.Id, sectionC.Id], first.Sections!.Select(s => s.Id));
        Assert.All(first.Sections!, s => Assert.Equal((int?)firstByPosition.Id, s.ParentId));
        var appended = tree.Single(c => c.Id == third.Id).Sections!;
        Assert.Equal([(defaultPosition.Id, 0), (appendedToo.Id, 1)], appended.Select(s => (s.Id, s.Position)));
        Assert.Empty(tree.Single(c => c.Id == tiedAfter.Id).Sections!);
    }

    [Fact]
    public async Task A_section_under_a_missing_category_or_under_a_section_is_refused_naming_parentId_and_nothing_is_written()
    {
        var category = await client.CreateCategoryAsync(Unique("Parent"));
        var section = await client.CreateCategoryAsync(Unique("Section"), parentId: category.Id);
        var before = await app.RowCountsAsync();

        var missing = await client.PostAsJsonAsync("/api/kb/categories", new { name = "Orphan", parentId = 987_654 });
        var nested = await client.PostAsJsonAsync("/api/kb/categories", new { name = "Third level", parentId = section.Id });

        foreach (var response in new[] { missing, nested })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(["parentId"], await response.ProblemFieldsAsync());
        }
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task A_patch_with_the_current_If_Match_applies_and_reorders_while_a_stale_one_gets_412()
    {
        var moved = await client.CreateCategoryAsync(Unique("Moved"), position: 50);
        var staying = await client.CreateCategoryAsync(Unique("Staying"), position: 40);
        var url = $"/api/kb/categories/{moved.Id}";

        var patch = await client.PatchJsonAsync(url, new { name = "Moved up", position = 30, description = "Now first" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("\"2\"", patch.Headers.ETag?.Tag);
        var patched = await patch.ReadAsync<CategoryResponse>();
        Assert.Equal(("Moved up", 30, "Now first"), (patched.Name, patched.Position, patched.Description));

        var stale = await client.PatchJsonAsync(url, new { name = "Lost update" }, "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var clear = await client.PatchJsonAsync(url, new { description = (string?)null }, "\"2\"");
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);

        var read = await client.GetAsync(url);
        Assert.Equal("\"3\"", read.Headers.ETag?.Tag);
        var current = await read.ReadAsync<CategoryResponse>();
        Assert.Equal(("Moved up", 30, (string?)null), (current.Name, current.Position, current.Description));
        var tree = (await client.GetFromJsonAsync<List<CategoryResponse>>("/api/kb/categories", KnowledgeBaseApp.Json))!;
        Assert.Equal([moved.Id, staying.Id], tree.Select(c => c.Id).Where(id => id == moved.Id || id == staying.Id));
    }

    [Fact]
    public async Task Concurrent_patches_without_If_Match_all_apply_and_each_moves_the_version_on()
    {
        var category = await client.CreateCategoryAsync(Unique("Busy"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.PatchJsonAsync($"/api/kb/categories/{category.Id}", new { position = 100 + i })));

        Assert.True(responses.All(r => r.StatusCode == HttpStatusCode.OK), string.Join(", ", responses.Select(r => (int)r.StatusCode)));
        Assert.Equal(Enumerable.Range(2, 10), responses.Select(r => int.Parse(r.Headers.ETag!.Tag.Trim('"'))).Order());
        Assert.Equal("\"11\"", (await client.GetAsync($"/api/kb/categories/{category.Id}")).Headers.ETag?.Tag);
    }

    public static TheoryData<string, object, string> BadPatches => new()
    {
        { "blank name", new { name = " " }, "name" },
        { "null name", new { name = (string?)null }, "name" },
        { "name over 100 characters", new { name = new string('n', 101) }, "name" },
        { "negative position", new { position = -1 }, "position" },
        { "position of the wrong type", new { position = "first" }, "position" },
        { "moving to another parent", new { parentId = 1 }, "parentId" },
        { "a misspelt field", new { nmae = "x" }, "nmae" },
    };

    [Theory]
    [MemberData(nameof(BadPatches))]
    public async Task A_bad_category_patch_is_refused_naming_the_field_and_changes_nothing(string because, object patch, string field)
    {
        var category = await client.CreateCategoryAsync(Unique("Patched"), position: 3);
        var before = await app.RowCountsAsync();

        var response = await client.PatchJsonAsync($"/api/kb/categories/{category.Id}", patch, "\"1\"");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {response.StatusCode}");
        Assert.Equal([field], await response.ProblemFieldsAsync());
        Assert.Equal(before, await app.RowCountsAsync());
        var read = await client.GetAsync($"/api/kb/categories/{category.Id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var current = await read.ReadAsync<CategoryResponse>();
        Assert.Equal((category.Name, 3), (current.Name, current.Position));
    }

    public static TheoryData<string, object, string> BadCategories => new()
    {
        { "missing name", new { description = "No name" }, "name" },
        { "name over 100 characters", new { name = new string('n', 101) }, "name" },
        { "description over 1000 characters", new { name = "Long", description = new string('d', 1001) }, "description" },
        { "negative position", new { name = "Negative", position = -3 }, "position" },
        { "parentId of the wrong type", new { name = "Typed", parentId = "top" }, "parentId" },
    };

    [Theory]
    [MemberData(nameof(BadCategories))]
    public async Task A_bad_new_category_is_refused_naming_the_field_and_nothing_is_written(string because, object body, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.PostAsJsonAsync("/api/kb/categories", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {response.StatusCode}");
        Assert.Equal([field], await response.ProblemFieldsAsync());
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task A_patch_of_an_unknown_category_gets_404()
    {
        var response = await client.PatchJsonAsync("/api/kb/categories/987654", new { name = "Nobody" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
