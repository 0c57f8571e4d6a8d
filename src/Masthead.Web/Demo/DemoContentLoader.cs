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
using Masthead.Core.Pages;
using Masthead.Core.Publication;
using Masthead.Core.Sections;
using Masthead.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Demo;

/// <summary>
/// Loads the demo publication from Demo/Content (site.json and one Markdown file per article), through the same
/// use cases the admin API calls, and paints its pictures.
/// </summary>
public sealed partial class DemoContentLoader(
    MastheadDbContext db, SaveSection sections, SaveAuthor authors, SaveArticle articles, BodyRenderer renderer,
    TimeProvider time, IOptions<MastheadOptions> options, IContentChangeNotifier notifier)
{
    private static string ContentFolder => Path.Combine(AppContext.BaseDirectory, "Demo", "Content");

    public async Task<string> LoadAsync(CancellationToken ct)
    {
        var site = JsonSerializer.Deserialize<DemoSite>(await File.ReadAllTextAsync(Path.Combine(ContentFolder, "site.json"), ct), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("Demo/Content/site.json is empty.");
        var now = time.UtcNow();
        // A square mark for the publisher logo in structured data and feeds (search engines want at least 112 px).
        DemoImages.Paint(Path.Combine(options.Value.MediaDirectory, "demo", "logo.jpg"), site.Publication.Name, 512, 512);
        db.Publication.Add(new PublicationSettings
        {
            Name = site.Publication.Name,
            Tagline = site.Publication.Tagline,
            Language = site.Publication.Language,
            TimeZone = options.Value.TimeZone ?? "Europe/London",
            LogoUrl = "/media/demo/logo.jpg",
            ModifiedAt = now,
        });
        await db.SaveChangesAsync(ct);

        var order = 0;
        async Task AddSections(IEnumerable<DemoSection> list, string? parent)
        {
            foreach (var s in list)
            {
                Expect(await sections.CreateAsync(new SectionInput(s.Name, s.Slug, parent, s.Description, order++), ct), $"section {s.Slug}");
                await AddSections(s.Children ?? [], parent is null ? s.Slug : $"{parent}/{s.Slug}");
            }
        }
        await AddSections(site.Sections, null);

        foreach (var a in site.Authors)
        {
            var photo = "/media/demo/author-" + a.Slug + ".jpg";
            DemoImages.Paint(Path.Combine(options.Value.MediaDirectory, "demo", $"author-{a.Slug}.jpg"), a.Slug, 192, 192);
            Expect(await authors.CreateAsync(new AuthorInput(a.Name, a.Slug, a.Bio, photo, a.Links), ct), $"author {a.Slug}");
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
        var mediaDir = Path.Combine(options.Value.MediaDirectory, "demo");
        var (width, height) = DemoImages.Paint(Path.Combine(mediaDir, $"{slug}.jpg"), slug);
        body = DemoImageReference().Replace(body, match =>
        {
            var name = Slug.From(match.Groups[1].Value);
            DemoImages.Paint(Path.Combine(mediaDir, $"figure-{name}.jpg"), name, 1200, 800);
            return $"/media/demo/figure-{name}.jpg";
        });

        var credits = List("credits", ';').Select(c =>
        {
            var parts = c.Split('=', 2, StringSplitOptions.TrimEntries);
            var value = parts.Length > 1 ? parts[1] : "";
            return value.StartsWith('@') ? new CreditInput(parts[0], null, value[1..]) : new CreditInput(parts[0], value, null);
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
            HeroImage = new HeroImageInput($"/media/demo/{slug}.jpg", Optional("hero-alt"), Optional("hero-caption"), Optional("hero-credit"), width, height),
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
        }
        await db.SaveChangesAsync(ct);
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

    [GeneratedRegex(@"demo-image:([A-Za-z0-9_-]+)")]
    private static partial Regex DemoImageReference();

    private sealed record DemoSite(DemoPublication Publication, List<DemoSection> Sections, List<DemoAuthor> Authors, List<DemoPage> Pages);
    private sealed record DemoPublication(string Name, string? Tagline, string Language);
    private sealed record DemoSection(string Name, string Slug, string? Description, List<DemoSection>? Children);
    private sealed record DemoAuthor(string Name, string Slug, string? Bio, List<string>? Links);
    private sealed record DemoPage(string Title, string Slug, string Nav, string Body);
}
