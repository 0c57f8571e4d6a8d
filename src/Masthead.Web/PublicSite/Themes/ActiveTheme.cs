using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;

namespace Masthead.Web.PublicSite.Themes;

/// <summary>
/// The theme this node renders with (<c>Masthead:Theme</c>): which public components it replaces, and its stylesheet.
/// <see cref="None"/> when no theme is set, and then nothing about rendering changes.
/// </summary>
public sealed class ActiveTheme
{
    /// <summary>The namespace of the public components a theme may replace (see docs/themes.md for the list).</summary>
    public const string OverridableNamespace = "Masthead.Web.PublicSite.Pages";

    /// <summary>The embedded resource a theme's stylesheet is read from.</summary>
    public const string StylesheetResource = "theme.css";

    public static readonly ActiveTheme None = new(null, new Dictionary<Type, Type>(), null);

    private readonly IReadOnlyDictionary<Type, Type> _overrides;

    private ActiveTheme(string? name, IReadOnlyDictionary<Type, Type> overrides, string? stylesheet)
    {
        Name = name;
        _overrides = overrides;
        Stylesheet = stylesheet;
        // A new address whenever the stylesheet's text changes, so browsers may keep it as long as they like.
        StylesheetVersion = stylesheet is null ? null : Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stylesheet)))[..12];
    }

    public string? Name { get; }
    public bool IsNone => Name is null;
    public string? Stylesheet { get; }
    public string? StylesheetVersion { get; }

    /// <summary>Where the theme's stylesheet is served (same origin: the CSP allows no other), or null without one.</summary>
    public string? StylesheetUrl => Stylesheet is null ? null : $"/themes/{Name!.ToLowerInvariant()}.css?v={StylesheetVersion}";

    /// <summary>The default components this theme replaces, by the type that replaces each.</summary>
    public IReadOnlyDictionary<Type, Type> Overrides => _overrides;

    /// <summary>The type that renders <paramref name="component"/>: the theme's override, or the component itself.</summary>
    public Type Resolve(Type component) => _overrides.TryGetValue(component, out var theirs) ? theirs : component;

    /// <summary>
    /// The theme in <paramref name="assembly"/>: each public component whose name is one of the overridable defaults
    /// replaces it, and must take exactly the same parameters (name and type), so every page model, cache tag and
    /// piece of structured data reaches it unchanged. Anything else in the assembly is the theme's own helper.
    /// </summary>
    public static ActiveTheme Load(string name, Assembly assembly)
    {
        var defaults = OverridableComponents().ToDictionary(t => t.Name, StringComparer.Ordinal);
        var overrides = new Dictionary<Type, Type>();
        var problems = new List<string>();
        foreach (var theirs in assembly.GetExportedTypes().Where(IsComponent))
        {
            if (!defaults.TryGetValue(theirs.Name, out var ours)) continue;
            var expected = Parameters(ours);
            var actual = Parameters(theirs);
            var missing = expected.Except(actual).Select(p => $"{p.Type} {p.Name}").ToList();
            var extra = actual.Except(expected).Select(p => $"{p.Type} {p.Name}").ToList();
            if (missing.Count > 0 || extra.Count > 0)
                problems.Add($"{theirs.FullName} must take the parameters of {ours.Name}"
                    + (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "")
                    + (extra.Count > 0 ? $"; not taken by {ours.Name}: {string.Join(", ", extra)}" : ""));
            else
                overrides[ours] = theirs;
        }
        if (problems.Count > 0)
            throw new InvalidOperationException($"Theme '{name}' cannot be used: {string.Join(". ", problems)}.");
        var stylesheet = ReadStylesheet(assembly);
        return new ActiveTheme(name, overrides, stylesheet);
    }

    /// <summary>The default public components a theme may replace.</summary>
    public static IEnumerable<Type> OverridableComponents() =>
        typeof(ActiveTheme).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == OverridableNamespace && IsComponent(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    /// <summary>A component's parameters as (name, type) pairs.</summary>
    public static HashSet<(string Name, string Type)> Parameters(Type component) =>
        component.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null)
            .Select(p => (p.Name, TypeName(p.PropertyType)))
            .ToHashSet();

    private static string TypeName(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
            : type.FullName ?? type.Name;

    private static bool IsComponent(Type type) =>
        type is { IsClass: true, IsAbstract: false } && typeof(IComponent).IsAssignableFrom(type);

    private static string? ReadStylesheet(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(StylesheetResource);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
