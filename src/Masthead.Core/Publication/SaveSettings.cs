using System.Globalization;
using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Publication;

public sealed record NavigationInput(string? Label, string? Url);

public sealed record SettingsInput(string? Name, string? Tagline, string? Language, string? TimeZone, string? LogoUrl, IReadOnlyList<NavigationInput> Navigation,
    ThemeInput? Theme = null);

/// <summary>The look; a colour left empty means the site's own. Null as a whole leaves the theme as it is.</summary>
public sealed record ThemeInput(string? AccentColor, string? AccentTextColor, string? BackgroundColor, string? FontPair, string? DefaultSocialImageUrl);

/// <summary>
/// Changes what describes the publication (name, tagline, language, time zone, logo, theme) and its primary
/// navigation, as one audited change. An empty navigation means "the top-level sections", as before.
/// </summary>
public sealed class SaveSettings(MastheadDbContext db, TimeProvider time)
{
    public const int MaxNavigationItems = 20;

    public async Task<PublicationSettings> LoadAsync(CancellationToken ct) =>
        await db.Publication.AsNoTracking().OrderBy(p => p.Id).FirstOrDefaultAsync(ct) ?? new PublicationSettings();

    public Task<List<NavigationItem>> NavigationAsync(CancellationToken ct) =>
        db.Navigation.AsNoTracking().OrderBy(n => n.SortOrder).ThenBy(n => n.Id).ToListAsync(ct);

    public async Task<Result<PublicationSettings>> SaveAsync(SettingsInput input, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageSettings(actor.Role)) return Result<PublicationSettings>.Forbidden("Only admins change the publication's settings.");
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "The publication needs a name.");
        else if (name.Length > 200) errors.Add("name", "The name can be at most 200 characters long.");
        var tagline = input.Tagline?.Trim() ?? "";
        if (tagline.Length > 300) errors.Add("tagline", "The tagline can be at most 300 characters long.");
        var language = input.Language?.Trim() ?? "";
        if (!IsLanguage(language)) errors.Add("language", $"“{language}” is not a language tag we know; use one such as en, en-GB or pt-BR.");
        var zone = input.TimeZone?.Trim() ?? "";
        if (zone.Length == 0 || zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            errors.Add("timeZone", $"“{zone}” is not a time zone this server knows; use an IANA name such as Europe/London or America/Toronto.");
        var logo = input.LogoUrl?.Trim() ?? "";
        if (logo.Length > 0 && !IsLink(logo)) errors.Add("logoUrl", $"“{logo}” is not an address the logo can have: choose a picture from the library, or give an address starting with https://.");
        else if (logo.Length > 2000) errors.Add("logoUrl", $"The logo's address is {logo.Length} characters long; it can be at most 2000.");

        var theme = input.Theme is { } t ? CheckTheme(t, errors) : null;

        var items = new List<NavigationItem>();
        for (var i = 0; i < input.Navigation.Count; i++)
        {
            var label = input.Navigation[i].Label?.Trim() ?? "";
            var url = input.Navigation[i].Url?.Trim() ?? "";
            if (label.Length == 0 && url.Length == 0) continue; // a spare row left blank
            if (label.Length == 0) errors.Add($"navigation[{i}].label", $"Navigation link {i + 1} needs a label.");
            else if (label.Length > 100) errors.Add($"navigation[{i}].label", $"The label of navigation link {i + 1} can be at most 100 characters long.");
            if (url.Length == 0) errors.Add($"navigation[{i}].url", $"Navigation link {i + 1} needs a URL.");
            else if (!IsLink(url) || url.Length > 2000) errors.Add($"navigation[{i}].url", $"The URL of navigation link {i + 1} must be an http(s) URL or a path on this site starting with \"/\".");
            items.Add(new NavigationItem { Label = label, Url = url, SortOrder = items.Count });
        }
        if (items.Count > MaxNavigationItems) errors.Add("navigation", $"The navigation can have at most {MaxNavigationItems} links.");
        if (errors.Any) return Result<PublicationSettings>.Invalid(errors);

        var now = time.UtcNow();
        var settings = await db.Publication.OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (settings is null) db.Publication.Add(settings = new PublicationSettings());
        var changed = Describe(settings, name, tagline, language, zone, logo);
        settings.Name = name;
        settings.Tagline = tagline.Length == 0 ? null : tagline;
        settings.Language = language;
        settings.TimeZone = zone;
        settings.LogoUrl = logo.Length == 0 ? null : logo;
        if (theme is not null)
        {
            if (settings.AccentColor != theme.AccentColor || settings.AccentTextColor != theme.AccentTextColor || settings.BackgroundColor != theme.BackgroundColor)
                changed.Add("colours");
            if (settings.FontPair != theme.FontPair) changed.Add($"fonts {theme.FontPair}");
            if (settings.DefaultSocialImageUrl != theme.DefaultSocialImageUrl) changed.Add("default social image");
            settings.AccentColor = theme.AccentColor;
            settings.AccentTextColor = theme.AccentTextColor;
            settings.BackgroundColor = theme.BackgroundColor;
            settings.FontPair = theme.FontPair!;
            settings.DefaultSocialImageUrl = theme.DefaultSocialImageUrl;
        }
        settings.ModifiedAt = now;

        var old = await db.Navigation.OrderBy(n => n.SortOrder).ThenBy(n => n.Id).ToListAsync(ct);
        if (!old.Select(n => (n.Label, n.Url)).SequenceEqual(items.Select(n => (n.Label, n.Url))))
        {
            db.Navigation.RemoveRange(old);
            db.Navigation.AddRange(items);
            changed.Add(items.Count == 0 ? "navigation (back to the top-level sections)" : $"navigation ({items.Count} links)");
        }
        AuditTrail.Record(db, now, actor, "changed the settings", "settings", settings.Id,
            detail: changed.Count == 0 ? "nothing changed" : string.Join(", ", changed));
        await db.SaveChangesAsync(ct);
        return Result<PublicationSettings>.Ok(settings);
    }

    /// <summary>The theme as it will be stored (colours normalised, empty ones null), or null when something was refused.</summary>
    private static ThemeInput? CheckTheme(ThemeInput input, ValidationErrors errors)
    {
        string? Colour(string field, string label, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var colour = Theme.NormalColour(text);
            if (colour is null) errors.Add(field, $"{label} “{text.Trim()}” is not a colour in the form #rrggbb (for example #8a1c5c).");
            return colour;
        }
        var before = errors.Count;
        var accent = Colour("accentColor", "The accent colour", input.AccentColor);
        var onAccent = Colour("accentTextColor", "The text-on-accent colour", input.AccentTextColor);
        var background = Colour("backgroundColor", "The background colour", input.BackgroundColor);
        if (errors.Count == before)
            Theme.Check(accent ?? Theme.DefaultAccent, onAccent ?? Theme.DefaultOnAccent, background ?? Theme.DefaultBackground, errors);
        var font = string.IsNullOrWhiteSpace(input.FontPair) ? Theme.FontPairs[0].Key : input.FontPair.Trim();
        if (Theme.FontPairs.All(f => f.Key != font))
            errors.Add("fontPair", $"“{font}” is not one of the font pairs: {string.Join(", ", Theme.FontPairs.Select(f => f.Key))}.");
        var image = input.DefaultSocialImageUrl?.Trim() ?? "";
        if (image.Length > 2000) errors.Add("defaultSocialImageUrl", $"The default social image's address is {image.Length} characters long; it can be at most 2000.");
        else if (image.Length > 0 && !IsLink(image))
            errors.Add("defaultSocialImageUrl", $"“{image}” is not an address the default social image can have: choose a picture from the library, or give an address starting with https://.");
        return errors.Count > before ? null : new ThemeInput(accent, onAccent, background, font, image.Length == 0 ? null : image);
    }

    private static List<string> Describe(PublicationSettings s, string name, string tagline, string language, string zone, string logo)
    {
        var changed = new List<string>();
        if (s.Name != name) changed.Add($"name “{name}”");
        if ((s.Tagline ?? "") != tagline) changed.Add("tagline");
        if (s.Language != language) changed.Add($"language {language}");
        if (s.TimeZone != zone) changed.Add($"time zone {zone}");
        if ((s.LogoUrl ?? "") != logo) changed.Add("logo");
        return changed;
    }

    // The cultures this server knows (ICU's list); .NET would make up a culture for any well-formed tag.
    private static readonly HashSet<string> Languages = CultureInfo.GetCultures(CultureTypes.AllCultures)
        .Select(c => c.Name).Where(n => n.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static bool IsLanguage(string tag) => tag.Length is > 0 and <= 35 && Languages.Contains(tag);

    private static bool IsLink(string url) =>
        SitePath.IsSitePath(url)
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
