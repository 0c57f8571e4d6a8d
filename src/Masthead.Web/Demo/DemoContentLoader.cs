using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Body;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Core.Pages;
using Masthead.Core.Publication;
using Masthead.Core.Sections;
using Masthead.Web.Hosting;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Demo;

/// <summary>
/// Loads the demo publication from Demo/Content (site.json and one Markdown file per article), through the same
/// use cases the admin API calls, and paints its pictures and uploads them to the media library.
/// </summary>
/// <remarks>
/// The pictures' sizes are not made here but on first request (<c>variantsNow: false</c>). The demo loads on every
/// first start and in every test class; on a busy two-core machine, making every size of its 48 pictures up front
/// made the first start take about 74 s, against 7–10 s for painting and storing just the masters (no slower than
/// painting the old plain JPEGs).
/// </remarks>
public sealed partial class DemoContentLoader(
    MastheadDbContext db, SaveSection sections, SaveAuthor authors, BodyRenderer renderer,
    UploadMedia uploads, TimeProvider time, IOptions<MastheadOptions> options, IContentChangeNotifier notifier)
{
    // The demo loads on a first start that may be offline (a laptop on a train, a build machine): its stories are saved
    // without fetching video stills, so their cards show words and a link until an editor saves the story again.
    private readonly SaveArticle articles = new(db, renderer, time);

    private const string PersonMark = " (person)";

    private static string ContentFolder => Path.Combine(AppContext.BaseDirectory, "Demo", "Content");

    public async Task<string> LoadAsync(CancellationToken ct)
    {
        var site = JsonSerializer.Deserialize<DemoSite>(await File.ReadAllTextAsync(Path.Combine(ContentFolder, "site.json"), ct), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("Demo/Content/site.json is empty.");
        var now = time.UtcNow();
        // A square mark for the publisher logo in structured data and feeds (search engines want at least 112 px).
        var logo = await UploadAsync(DemoImages.Paint(site.Publication.Name, 512, 512), "logo.jpg", new MediaDescription($"{site.Publication.Name} logo", null, null), ct);
        db.Publication.Add(new PublicationSettings
        {
            Name = site.Publication.Name,
            Tagline = site.Publication.Tagline,
            Language = site.Publication.Language,
            TimeZone = options.Value.TimeZone ?? "Europe/London",
            LogoUrl = MediaUrls.Default(MediaRef.From(logo)),
            ModifiedAt = now,
        });
        await db.SaveChangesAsync(ct);

        var order = 0;
        async Task AddSections(IEnumerable<DemoSection> list, string? parent)
        {
            foreach (var s in list)
            {
                Expect(await sections.CreateAsync(new SectionInput(s.Name, s.Slug, parent, s.Description, order++), Editor.System, ct), $"section {s.Slug}");
                await AddSections(s.Children ?? [], parent is null ? s.Slug : $"{parent}/{s.Slug}");
            }
        }
        await AddSections(site.Sections, null);

        foreach (var a in site.Authors)
        {
            // Shown at 96 px: 384 px stays sharp on the densest screens.
            var photo = await UploadAsync(DemoImages.Paint(a.Slug, 384, 384), $"{a.Slug}.jpg", new MediaDescription($"Portrait of {a.Name}", null, null), ct);
            Expect(await authors.CreateAsync(new AuthorInput(a.Name, a.Slug, a.Bio, MediaUrls.Default(MediaRef.From(photo)), a.Links), Editor.System, ct), $"author {a.Slug}");
        }

        var pageOrder = 0;
        foreach (var p in site.Pages)
        {
            if (!Slug.IsValid(p.Slug) || ReservedPaths.IsReserved(p.Slug))
                throw new InvalidDataException($"Demo page slug \"{p.Slug}\" is not valid or is reserved for the application's own pages.");
            db.Pages.Add(new Page
            {
                Title = p.Title,
                Slug = p.Slug,
                BodyMarkdown = p.Body,
                BodyHtml = renderer.Render(p.Body),
                Placement = Enum.Parse<NavigationPlacement>(p.Nav, ignoreCase: true),
                SortOrder = pageOrder++,
                ModifiedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);

        var files = Directory.GetFiles(Path.Combine(ContentFolder, "articles"), "*.md").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files) await LoadArticleAsync(file, ct);
        await notifier.ContentChangedAsync(ct);
        return $"{site.Publication.Name}: {order} sections, {site.Authors.Count} authors, {site.Pages.Count} pages, {files.Count} articles.";
    }

    private async Task LoadArticleAsync(string file, CancellationToken ct)
    {
        var (fields, body) = ParseFrontMatter(await File.ReadAllTextAsync(file, ct), file);
        string Field(string key) => fields.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : throw new InvalidDataException($"{Path.GetFileName(file)}: missing '{key}'.");
        string? Optional(string key) => fields.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;
        List<string> List(string key, char separator = ',') =>
            (Optional(key) ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        var headline = Field("headline");
        var slug = Slug.From(headline);
        // The hero's description lives in the library; the story takes it over by leaving its own out.
        var hero = await UploadAsync(DemoImages.Paint(slug), $"{slug}.jpg",
            new MediaDescription(Optional("hero-alt"), Optional("hero-caption"), Optional("hero-credit")), ct);
        foreach (var figure in DemoFigure().Matches(body).DistinctBy(m => m.Groups[2].Value).ToList())
        {
            var name = Slug.From(figure.Groups[2].Value);
            var media = await UploadAsync(DemoImages.Paint(name, 1200, 800), $"{name}.jpg", new MediaDescription(figure.Groups[1].Value, null, null), ct);
            body = body.Replace($"demo-image:{figure.Groups[2].Value})", MediaUrls.Default(MediaRef.From(media)) + ")", StringComparison.Ordinal);
        }

        var credits = List("credits", ';').Select(c =>
        {
            var parts = c.Split('=', 2, StringSplitOptions.TrimEntries);
            var value = parts.Length > 1 ? parts[1] : "";
            // "=@slug" credits an author; a name ending " (person)" is a person, any other name an organisation.
            if (value.StartsWith('@')) return new CreditInput(parts[0], null, value[1..], CreditKindNames.Person);
            return value.EndsWith(PersonMark, StringComparison.Ordinal)
                ? new CreditInput(parts[0], value[..^PersonMark.Length], null, CreditKindNames.Person)
                : new CreditInput(parts[0], value, null, CreditKindNames.Organization);
        }).ToList();

        var input = new ArticleInput
        {
            Headline = headline,
            Slug = slug,
            Standfirst = Optional("standfirst") ?? "",
            Body = body,
            Section = Field("section"),
            AlsoIn = List("also"),
            Bylines = List("bylines"),
            Credits = credits,
            Tags = List("tags"),
            HeroImage = new HeroImageInput(null, null, null, null, null, null, MediaId: hero.Id),
        };
        var article = Expect(await articles.CreateAsync(input, Editor.System, ct), Path.GetFileName(file));
        var published = Date(Field("published"), file);
        article.CreatedAt = published.AddHours(-6);
        var status = Optional("status")?.ToLowerInvariant() ?? "published";
        if (status != "published")
        {
            // Unfinished demo stories belong to the first admin, so their dashboard has work on it.
            var owner = await db.Users.OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            article.CreatedByUserId = owner;
            article.LastEditedByUserId = owner;
            var now = time.UtcNow();
            switch (status)
            {
                case "in-review":
                    article.SubmitForReview(now);
                    break;
                case "changes-requested":
                    article.SubmitForReview(now);
                    article.RequestChanges(now);
                    AuditTrail.Record(db, now, Editor.System, "requested changes", "article", article.Id, article.Id, Optional("review-comment"));
                    break;
                case "scheduled":
                    var days = int.Parse(Field("scheduled-in").TrimEnd('d'), CultureInfo.InvariantCulture);
                    article.Schedule(now.Date.AddDays(days).AddHours(8), now);
                    break;
                case "draft":
                    break;
                default:
                    throw new InvalidDataException($"{Path.GetFileName(file)}: unknown status '{status}'.");
            }
        }
        else
        {
            article.Publish(published, backdatedTo: published);
            if (Optional("updated") is { } updated) article.MarkUpdated(Date(updated, file));
            foreach (var (key, kind) in new[] { ("correction", ArticleNoteKind.Correction), ("update", ArticleNoteKind.Update) })
            {
                foreach (var note in fields.GetValueOrDefault(key) ?? [])
                {
                    var parts = note.Split('|', 2, StringSplitOptions.TrimEntries);
                    article.AddNote(kind, parts[1], Date(parts[0], file));
                }
            }
            if (Optional("live-started") is { } started) AddLiveCoverage(article, fields, Date(started, file), Optional("live-ended") is { } ended ? Date(ended, file) : null, file);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"entry: time | key or - | Markdown" lines become the live blog's entries, posted by its first byline.</summary>
    private void AddLiveCoverage(Article article, Dictionary<string, List<string>> fields, DateTime started, DateTime? ended, string file)
    {
        article.StartLive(started);
        if (ended is { } end) article.EndLive(end);
        var author = article.Bylines.OrderBy(b => b.Position).Select(b => (int?)b.AuthorId).FirstOrDefault();
        foreach (var line in fields.GetValueOrDefault("entry") ?? [])
        {
            var parts = line.Split('|', 3, StringSplitOptions.TrimEntries);
            if (parts.Length != 3) throw new InvalidDataException($"{Path.GetFileName(file)}: an entry is 'time | key or - | text'.");
            var at = Date(parts[0], file);
            var html = renderer.Render(parts[2]);
            db.LiveEntries.Add(new Masthead.Core.LiveBlogs.LiveEntry
            {
                ArticleId = article.Id, AuthorId = author, BodyMarkdown = parts[2], BodyHtml = html,
                BodyText = Masthead.Core.Search.PlainText.FromHtml(html), IsKeyEvent = parts[1] == "key", PublishedAt = at, UpdatedAt = at,
            });
        }
    }

    private sealed record MediaDescription(string? Alt, string? Caption, string? Credit);

    private async Task<MediaItem> UploadAsync(byte[] jpeg, string fileName, MediaDescription about, CancellationToken ct)
    {
        var result = await uploads.UploadAsync(new MediaUpload(jpeg, fileName, about.Alt, about.Caption, about.Credit), Editor.System, variantsNow: false, ct);
        return result.Value ?? throw new InvalidDataException($"Demo picture {fileName} was refused: {result.Refusal(withTitle: false)}");
    }

    private static (Dictionary<string, List<string>> Fields, string Body) ParseFrontMatter(string text, string file)
    {
        var fields = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var i = 0;
        for (; i < lines.Length && lines[i].Trim() != "---"; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var colon = lines[i].IndexOf(':');
            if (colon < 0) throw new InvalidDataException($"{Path.GetFileName(file)} line {i + 1}: expected 'key: value'.");
            var key = lines[i][..colon].Trim();
            if (!fields.TryGetValue(key, out var values)) fields[key] = values = [];
            values.Add(lines[i][(colon + 1)..].Trim());
        }
        if (i >= lines.Length) throw new InvalidDataException($"{Path.GetFileName(file)}: no '---' line after the front matter.");
        return (fields, string.Join('\n', lines.Skip(i + 1)).Trim() + "\n");
    }

    private static DateTime Date(string value, string file) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new InvalidDataException($"{Path.GetFileName(file)}: '{value}' is not a date.");

    private static T Expect<T>(Result<T> result, string what) =>
        result.Outcome is Outcome.Created or Outcome.Ok
            ? result.Value!
            : throw new InvalidDataException($"Demo content {what} was refused: " +
                string.Join("; ", (result.Errors?.ToDictionary() ?? new Dictionary<string, string[]>()).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + result.Message);

    // ![alt text](demo-image:name): a figure the loader paints; its alt text goes into the library too.
    [GeneratedRegex(@"!\[([^\]]*)\]\(demo-image:([A-Za-z0-9_-]+)\)")]
    private static partial Regex DemoFigure();

    private sealed record DemoSite(DemoPublication Publication, List<DemoSection> Sections, List<DemoAuthor> Authors, List<DemoPage> Pages);
    private sealed record DemoPublication(string Name, string? Tagline, string Language);
    private sealed record DemoSection(string Name, string Slug, string? Description, List<DemoSection>? Children);
    private sealed record DemoAuthor(string Name, string Slug, string? Bio, List<string>? Links);
    private sealed record DemoPage(string Title, string Slug, string Nav, string Body);
}
