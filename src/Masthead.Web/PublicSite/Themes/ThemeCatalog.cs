using System.Reflection;
using System.Runtime.Loader;

namespace Masthead.Web.PublicSite.Themes;

/// <summary>
/// The themes installed beside the app: each is an assembly named <c>Masthead.Themes.&lt;Name&gt;.dll</c> in the app's
/// folder (a theme project's build puts it there; docs/themes.md). Only the chosen one is loaded.
/// </summary>
public static class ThemeCatalog
{
    public const string AssemblyPrefix = "Masthead.Themes.";

    /// <summary>The names of the themes in <paramref name="folder"/>, sorted.</summary>
    public static IReadOnlyList<string> Names(string folder) =>
        [.. Directory.EnumerateFiles(folder, AssemblyPrefix + "*.dll")
            .Select(path => Path.GetFileNameWithoutExtension(path)[AssemblyPrefix.Length..])
            .Where(name => name.Length > 0)
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The theme named in the settings, or <see cref="ActiveTheme.None"/> when none is; an unknown name stops the start
    /// with the names that are known, rather than quietly serving the default look.
    /// </summary>
    public static ActiveTheme Choose(string? name, string folder)
    {
        if (string.IsNullOrWhiteSpace(name)) return ActiveTheme.None;
        var known = Names(folder);
        var match = known.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"Masthead:Theme is '{name}', which is not an installed theme. Known themes: "
                + (known.Count > 0 ? string.Join(", ", known) : "none")
                + $" (each is a {AssemblyPrefix}<Name>.dll in {folder}; build the theme's project to put it there, see docs/themes.md).");
        return ActiveTheme.Load(match, Load(Path.Combine(folder, AssemblyPrefix + match + ".dll")));
    }

    private static Assembly Load(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        // A theme the app was built with (the tests reference one) is already known to the loader by name; one dropped
        // into the folder afterwards is loaded from its file. Either way into the default context, beside Masthead itself.
        try { return AssemblyLoadContext.Default.LoadFromAssemblyName(name); }
        catch (FileNotFoundException) { return AssemblyLoadContext.Default.LoadFromAssemblyPath(path); }
    }
}
