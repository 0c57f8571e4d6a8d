using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Publication;
using Masthead.Web.Hosting;
using Masthead.Web.Newsroom.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom.Settings;

/// <summary>
/// What describes the publication, and its primary navigation as rows of label and URL (with spare blank rows). The
/// logo and the default social image are each chosen from the library, uploaded with the form, or given as an address.
/// </summary>
[RequestSizeLimit(MediaLibraryModel.FormLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = MediaLibraryModel.FormLimit)]
public sealed class SettingsModel(SaveSettings save, SettingsPictures pictures, IOptions<MastheadOptions> options, NewsroomSession session) : ManagementPage(session)
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
        /// <summary>"none", "address" (then <see cref="LogoUrl"/>), or a library picture's id.</summary>
        public string? LogoPicture { get; set; }
        public string? LogoUrl { get; set; }
        public IFormFile? LogoFile { get; set; }
        public string? AccentColor { get; set; }
        public string? AccentTextColor { get; set; }
        public string? BackgroundColor { get; set; }
        public string? FontPair { get; set; }
        public string? SocialImagePicture { get; set; }
        public string? DefaultSocialImageUrl { get; set; }
        public IFormFile? SocialImageFile { get; set; }
        public List<NavigationRow> Navigation { get; set; } = [];
    }

    [BindProperty] public SettingsForm Form { get; set; } = new();

    public PictureSetting Logo { get; private set; } = null!;
    public PictureSetting SocialImage { get; private set; } = null!;

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
        var offered = await pictures.OfferedAsync([], [settings.LogoUrl, settings.DefaultSocialImageUrl], ct);
        Form.LogoPicture = PictureSetting.ChoiceFor(settings.LogoUrl, offered);
        Form.SocialImagePicture = PictureSetting.ChoiceFor(settings.DefaultSocialImageUrl, offered);
        // A library picture is shown as itself; the address field is for pictures elsewhere.
        if (Form.LogoPicture != PictureSetting.Address) Form.LogoUrl = null;
        if (Form.SocialImagePicture != PictureSetting.Address) Form.DefaultSocialImageUrl = null;
        ShowPictures(offered);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var stored = await save.LoadAsync(ct);
        var logo = await pictures.ResolveAsync(Form.LogoPicture, Form.LogoUrl, Form.LogoFile, stored.LogoUrl, "the logo", Me, ct);
        var social = await pictures.ResolveAsync(Form.SocialImagePicture, Form.DefaultSocialImageUrl, Form.SocialImageFile,
            stored.DefaultSocialImageUrl, "the default social image", Me, ct);
        (Form.LogoPicture, Form.SocialImagePicture) = (logo.Choice, social.Choice);
        var uploaded = new[] { logo.Uploaded, social.Uploaded }.OfType<string>().ToList();
        // Only seen when the form is refused (a saved form redirects): the upload stays, and stays chosen.
        if (uploaded.Count > 0)
            Notice = $"“{string.Join("” and “", uploaded)}” went into the media library and {(uploaded.Count == 1 ? "is" : "are")} chosen below, so it need not be uploaded again.";

        var refused = new Dictionary<string, string[]>();
        if (logo.Error is not null) refused["logoUrl"] = [logo.Error];
        if (social.Error is not null) refused["defaultSocialImageUrl"] = [social.Error];
        if (refused.Count > 0)
        {
            // Refused before the rest is checked: the pictures are settled first, so nothing half-saves.
            Errors = refused;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await ReloadAsync(ct);
            return Page();
        }

        var input = new SettingsInput(Form.Name, Form.Tagline, Form.Language, Form.TimeZone, logo.Url,
            Form.Navigation.Select(n => new NavigationInput(n.Label, n.Url)).ToList(),
            new ThemeInput(Form.AccentColor, Form.AccentTextColor, Form.BackgroundColor, Form.FontPair, social.Url));
        var result = await save.SaveAsync(input, Me, ct);
        return await AnswerAsync(result, "/newsroom/settings?done=saved", () => ReloadAsync(ct));
    }

    /// <summary>The form again after a refusal: spare rows, and the pictures on offer including the ones just chosen.</summary>
    private async Task ReloadAsync(CancellationToken ct)
    {
        WithSpareRows();
        var chosen = new[] { Form.LogoPicture, Form.SocialImagePicture }.Select(c => int.TryParse(c, out var id) ? id : 0).Where(id => id > 0);
        ShowPictures(await pictures.OfferedAsync(chosen, [], ct));
    }

    private void ShowPictures(IReadOnlyList<LibraryPicture> offered)
    {
        Logo = new PictureSetting("logo", "logoUrl", "Logo", "LogoUrl", "Logo", "logo",
            "A mark shown beside the name at the top of every page, and the publisher's logo for search engines. Square works best.",
            Form.LogoPicture, Form.LogoUrl, offered, ErrorFor("logoUrl"));
        SocialImage = new PictureSetting("social", "defaultSocialImageUrl", "SocialImage", "DefaultSocialImageUrl", "Default social image",
            "default social image", "Shown when a story or page without a picture of its own is shared. At least 1200 px wide works best.",
            Form.SocialImagePicture, Form.DefaultSocialImageUrl, offered, ErrorFor("defaultSocialImageUrl"));
    }

    private void WithSpareRows()
    {
        var filled = Form.Navigation.Count(n => !string.IsNullOrWhiteSpace(n.Label) || !string.IsNullOrWhiteSpace(n.Url));
        while (Form.Navigation.Count < Math.Min(filled + SpareRows, SaveSettings.MaxNavigationItems)) Form.Navigation.Add(new NavigationRow());
    }
}
