using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Publication;
using Masthead.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom.Settings;

/// <summary>What describes the publication, and its primary navigation as rows of label and URL (with spare blank rows).</summary>
public sealed class SettingsModel(SaveSettings save, IOptions<MastheadOptions> options, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageSettings(role);

    private const int SpareRows = 3;

    public sealed class NavigationRow
    {
        public string? Label { get; set; }
        public string? Url { get; set; }
    }

    public sealed class SettingsForm
    {
        public string? Name { get; set; }
        public string? Tagline { get; set; }
        public string? Language { get; set; }
        public string? TimeZone { get; set; }
        public string? LogoUrl { get; set; }
        public string? AccentColor { get; set; }
        public string? AccentTextColor { get; set; }
        public string? BackgroundColor { get; set; }
        public string? FontPair { get; set; }
        public string? DefaultSocialImageUrl { get; set; }
        public List<NavigationRow> Navigation { get; set; } = [];
    }

    [BindProperty] public SettingsForm Form { get; set; } = new();

    /// <summary>Set when the server's configuration fixes the time zone, which then wins over this form.</summary>
    public string? ConfiguredZone => options.Value.TimeZone;

    public IEnumerable<string> Zones => TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/')).Order(StringComparer.Ordinal);

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done == "saved" ? "Settings saved. Readers see them on their next page." : null;
        var settings = await save.LoadAsync(ct);
        var navigation = await save.NavigationAsync(ct);
        Form = new SettingsForm
        {
            Name = settings.Name, Tagline = settings.Tagline, Language = settings.Language, TimeZone = settings.TimeZone, LogoUrl = settings.LogoUrl,
            AccentColor = settings.AccentColor, AccentTextColor = settings.AccentTextColor, BackgroundColor = settings.BackgroundColor,
            FontPair = settings.FontPair, DefaultSocialImageUrl = settings.DefaultSocialImageUrl,
            Navigation = navigation.Select(n => new NavigationRow { Label = n.Label, Url = n.Url }).ToList(),
        };
        WithSpareRows();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new SettingsInput(Form.Name, Form.Tagline, Form.Language, Form.TimeZone, Form.LogoUrl,
            Form.Navigation.Select(n => new NavigationInput(n.Label, n.Url)).ToList(),
            new ThemeInput(Form.AccentColor, Form.AccentTextColor, Form.BackgroundColor, Form.FontPair, Form.DefaultSocialImageUrl));
        var result = await save.SaveAsync(input, Me, ct);
        return await AnswerAsync(result, "/newsroom/settings?done=saved", () => { WithSpareRows(); return Task.CompletedTask; });
    }

    private void WithSpareRows()
    {
        var filled = Form.Navigation.Count(n => !string.IsNullOrWhiteSpace(n.Label) || !string.IsNullOrWhiteSpace(n.Url));
        while (Form.Navigation.Count < Math.Min(filled + SpareRows, SaveSettings.MaxNavigationItems)) Form.Navigation.Add(new NavigationRow());
    }
}
