using System.Reflection;

namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository and the built programs are.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding Support.sln, found by walking up from the test's base directory.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// A project's built dll: the test project references it (ReferenceOutputAssembly=false), so it was built in the
    /// same configuration, to {project}/bin/{configuration}/{framework}/{assembly}.dll.
    /// </summary>
    public static string BuiltDll(string projectFolder)
    {
        var dll = Path.Combine(Root, projectFolder, "bin", BuildMetadata("Configuration"), BuildMetadata("TargetFramework"),
            Path.GetFileName(projectFolder) + ".dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is missing. Build the tests with `dotnet build tests/Support.EndToEnd.Tests -c {BuildMetadata("Configuration")}`, which builds it.");
        return dll;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Support.sln")))
                return folder.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Support.sln.");
    }

    private static string BuildMetadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no {key} metadata.");
}
