using System.Globalization;
using System.Text.RegularExpressions;
using Masthead.Core.Accounts;
using Masthead.Core.Authors;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Authors;

/// <summary>Creates or edits an author: name, slug, bio, photo and links (rows, with spare blank ones for adding).</summary>
[RequestSizeLimit(Media.MediaLibraryModel.FormLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = Media.MediaLibraryModel.FormLimit)]
public sealed partial class EditAuthorModel(MastheadDbContext db, SaveAuthor save, UploadMedia uploads, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageTaxonomy(role);

    private const int SpareLinks = 2;

    public sealed class AuthorForm
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public string? Bio { get; set; }
        public string? PhotoUrl { get; set; }
        public List<string?> Links { get; set; } = [];
    }

    [BindProperty] public AuthorForm Form { get; set; } = new();
    public Author? Existing { get; private set; }
    public bool IsNew => Existing is null;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Existing is { } a) Form = new AuthorForm { Name = a.Name, Slug = a.Slug, Bio = a.Bio, PhotoUrl = a.PhotoUrl, Links = [.. a.Links] };
        WithSpareRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, IFormFile? photo, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // A photo chosen from the computer goes into the media library first, and the profile points at it; one that
        // is refused leaves the whole form unsaved, with the reason next to the field.
        if (photo is { Length: > 0 })
        {
            var portrait = Form.Name is { Length: > 0 } name ? $"Portrait of {name.Trim()}" : null;
            var uploaded = await uploads.UploadAsync(await MediaUpload.FromFormAsync(photo, portrait, null, null, ct), Me, variantsNow: null, ct);
            if (uploaded.Value is not { } media)
            {
                Fail("photoUrl", $"The photo was not uploaded: {uploaded.Refusal(withTitle: false)}");
                WithSpareRows();
                return Page();
            }
            Form.PhotoUrl = MediaUrls.Default(MediaRef.From(media));
        }
        // Blank rows are spares; remember where the others were, so an error lands next to the row it is about.
        var rows = Form.Links.Select((link, row) => (Link: link?.Trim() ?? "", Row: row)).Where(l => l.Link.Length > 0).ToList();
        var input = new AuthorInput(Form.Name ?? "", string.IsNullOrWhiteSpace(Form.Slug) ? null : Form.Slug, Form.Bio ?? "", Form.PhotoUrl ?? "",
            rows.Select(l => l.Link).ToList());
        var result = IsNew ? await save.CreateAsync(input, Me, ct) : await save.UpdateAsync(Existing!.Id, input, Me, ct);
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Value is not null) return Redirect($"/newsroom/authors?done={(IsNew ? "created" : "saved")}");
        Fail(result);
        Errors = Errors.ToDictionary(e => LinkIndex().Match(e.Key) is { Success: true } m
            ? $"links[{rows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].Row}]" : e.Key, e => e.Value);
        WithSpareRows();
        return Page();
    }

    private void WithSpareRows()
    {
        var filled = Form.Links.Count(l => !string.IsNullOrWhiteSpace(l));
        while (Form.Links.Count < Math.Min(filled + SpareLinks, SaveAuthor.MaxLinks) || Form.Links.Count == 0) Form.Links.Add("");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (id == "new") return true;
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var authorId)) return false;
        Existing = await db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.Id == authorId, ct);
        return Existing is not null;
    }

    [GeneratedRegex(@"^links\[(\d+)\]$")]
    private static partial Regex LinkIndex();
}
