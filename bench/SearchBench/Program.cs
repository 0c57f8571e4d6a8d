// Search benchmark: fills a fresh database with generated stories straight through SQL (bulk inserts, no API),
// lets the search triggers index them, then times a fixed set of reader queries through StorySearch, the
// service the search page calls. usage: SearchBench <sqlite|postgres> <articles> <sqlite file | postgres connection string>
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Masthead.Core.Authors;
using Masthead.Core.Data;
using Masthead.Core.Search;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: SearchBench <sqlite|postgres> <articles> <sqlite file | postgres connection string> [demo articles folder]");
    return 2;
}
var postgres = args[0] == "postgres";
var count = int.Parse(args[1], CultureInfo.InvariantCulture);
var target = args[2];
var demoFolder = args.Length > 3 ? args[3] : "src/Masthead.Web/Demo/Content/articles";
var connectionString = postgres ? target : $"Data Source={target}";
var builder = new DbContextOptionsBuilder<MastheadDbContext>();
if (postgres) PostgresDatabase.Use(builder, connectionString); else SqliteDatabase.Use(builder, connectionString);
var options = builder.Options;
MastheadDbContext NewContext() => new(options);

// MASTHEAD_SEARCH_REUSE=1 times the queries again on a database an earlier run filled (when tuning the queries; a
// PostgreSQL one gets any newer migrations first). Filling 100,000 stories takes minutes.
var reuse = Environment.GetEnvironmentVariable("MASTHEAD_SEARCH_REUSE") == "1" && (postgres ? await ExistsAsync() : File.Exists(target));
async Task<bool> ExistsAsync()
{
    await using var db = NewContext();
    return await db.Database.CanConnectAsync();
}
if (!postgres && !reuse) foreach (var f in new[] { target, target + "-wal", target + "-shm" }) File.Delete(f);

await using (var db = NewContext())
{
    if (postgres && !reuse) await db.Database.EnsureDeletedAsync();
    await db.Database.MigrateAsync();
    if (!postgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
}

// Words in the proportions the demo publication uses them, so common words are common and rare ones rare.
var words = Regex.Matches(string.Join(' ', Directory.GetFiles(demoFolder, "*.md").Select(File.ReadAllText)), @"\p{L}{2,}")
    .Select(m => m.Value.ToLowerInvariant()).ToArray();
var random = new Random(20261202);
string Word() => words[random.Next(words.Length)];
string Sentence(int min, int max)
{
    var n = random.Next(min, max + 1);
    var text = new StringBuilder();
    for (var i = 0; i < n; i++) text.Append(i == 0 ? Capitalise(Word()) : " " + Word());
    return text.ToString();
}
static string Capitalise(string w) => char.ToUpperInvariant(w[0]) + w[1..];

var clock = Stopwatch.StartNew();
var now = DateTime.UtcNow;
TimeSpan generated = default, loaded = default, indexed = default;
int[] sectionIds = [], authorIds = [], tagIds = [];
var stories = new List<object?[]>(count);
var bylines = new List<(int Article, int Author, int Position)>();
var tags = new List<(int Article, int Tag)>();
if (!reuse)
{
    await using (var db = NewContext())
    {
        var tree = new (string Name, string[] Children)[]
        {
            ("News", ["UK", "World", "Politics"]), ("Culture", ["Film and TV", "Music", "Books", "Art and Design"]),
            ("Life", ["Health", "Style", "Travel"]), ("Opinion", []),
        };
        var order = 0;
        foreach (var (name, children) in tree)
        {
            var parent = new Section { Name = name, Slug = Masthead.Core.Common.Slug.From(name), Path = Masthead.Core.Common.Slug.From(name), SortOrder = order++, ModifiedAt = now };
            db.Sections.Add(parent);
            foreach (var child in children)
                db.Sections.Add(new Section { Name = child, Slug = Masthead.Core.Common.Slug.From(child), Path = parent.Path + "/" + Masthead.Core.Common.Slug.From(child), Parent = parent, SortOrder = order++, ModifiedAt = now });
        }
        string[] first = ["Ada", "Bram", "Cleo", "Dev", "Esme", "Farid", "Gita", "Hal", "Ines", "Joss", "Kemi", "Lior", "Mags", "Nico", "Orla"];
        string[] last = ["Ashgrove", "Brindle", "Culver", "Dunmore", "Elsworth", "Fairlie", "Gorsey", "Holloway"];
        foreach (var f in first) foreach (var l in last.Take(4))
            db.Authors.Add(new Author { Name = $"{f} {l}", Slug = Masthead.Core.Common.Slug.From($"{f} {l}"), ModifiedAt = now });
        var tagNames = words.Where(w => w.Length > 4).Distinct().OrderBy(_ => random.Next()).Take(400).ToList();
        foreach (var t in tagNames) db.Tags.Add(new Tag { Name = Capitalise(t), Slug = t, ModifiedAt = now });
        await db.SaveChangesAsync();
        sectionIds = await db.Sections.Where(s => s.ParentId != null || s.Path == "opinion").Select(s => s.Id).ToArrayAsync();
        authorIds = await db.Authors.Select(a => a.Id).ToArrayAsync();
        tagIds = await db.Tags.Select(t => t.Id).ToArrayAsync();
    }

    // Stories go in as drafts with their bylines and tags, then one UPDATE publishes them all: on SQLite each story is
    // indexed once, by the same trigger an editor's publish fires; on PostgreSQL the index is rebuilt in one statement.
    for (var id = 1; id <= count; id++)
    {
        var headline = Sentence(5, 11);
        var paragraphs = Enumerable.Range(0, random.Next(3, 8)).Select(_ => Sentence(30, 60) + ".").ToList();
        var published = now.AddMinutes(-random.Next(0, 6 * 365 * 24 * 60));
        // The Markdown, HTML and plain text of the body are made from the paragraphs as each row is written.
        stories.Add([id, headline, $"story-{id}", Sentence(14, 28) + ".", paragraphs, sectionIds[random.Next(sectionIds.Length)], published]);
        var authors = authorIds.OrderBy(_ => random.Next()).Take(random.Next(10) == 0 ? 2 : 1).ToList();
        for (var i = 0; i < authors.Count; i++) bylines.Add((id, authors[i], i));
        foreach (var tag in tagIds.OrderBy(_ => random.Next()).Take(random.Next(0, 5))) tags.Add((id, tag));
    }
    generated = clock.Elapsed;
    clock.Restart();
    if (postgres) await LoadPostgresAsync(); else LoadSqlite();
    loaded = clock.Elapsed;
    clock.Restart();
    await using (var db = NewContext())
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(20));
        if (postgres)
        {
            // One trigger call per row in a single huge transaction plans each refresh against an index table that
            // looks empty (no statistics yet), which grows quadratically; a bulk load publishes with triggers off
            // and then rebuilds the index in one statement, as `masthead search rebuild` does.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Articles\" SET \"Status\" = 'Published'");
            await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = origin");
            await db.Database.ExecuteSqlRawAsync(PostgresSearchSchema.Rebuild);
            await transaction.CommitAsync();
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Articles\" SET \"Status\" = 'Published'");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"ArticleSearch\" (\"ArticleSearch\") VALUES ('optimize'); PRAGMA optimize;");
        }
    }
    indexed = clock.Elapsed;
    Console.Error.WriteLine($"{count:N0} stories: generated in {generated.TotalSeconds:F1} s, inserted in {loaded.TotalSeconds:F1} s, published and indexed in {indexed.TotalSeconds:F1} s");
}

// Reader queries: single words common and rare, two and three words, a phrase, unfinished words, and filters.
var lastYear = now.AddYears(-1);
var queries = new (string Label, StorySearchRequest Request)[]
{
    ("housing", new("housing")),
    ("council housing", new("council housing")),
    ("film festival", new("film festival")),
    ("night bus route", new("night bus route")),
    ("\"local papers\"", new("\"local papers\"")),
    ("otters", new("otters")),
    ("archive", new("archive")),
    ("commun (prefix)", new("commun")),
    ("festiv (prefix)", new("festiv")),
    ("glasgow zine", new("glasgow zine")),
    ("pride -march", new("pride -march")),
    ("people (very common)", new("people")),
    ("music, in culture", new("music", Section: "culture")),
    ("housing, by an author", new("housing", Author: "ada-ashgrove")),
    ("council, last year", new("council", PublishedFrom: lastYear)),
    ("community, page 5", new("community", Page: 5)),
};
const int warmups = 3, runs = 25;
var all = new List<double>();
var allCpu = new List<double>();
var process = Process.GetCurrentProcess();
var perQuery = new List<(string Label, int Total, double P50, double P95)>();
var factory = new PooledDbContextFactory<MastheadDbContext>(options);
foreach (var (label, request) in queries)
{
    var times = new List<double>();
    var total = 0;
    for (var i = 0; i < warmups + runs; i++)
    {
        await using var db = factory.CreateDbContext();
        ISearchIndex index = postgres ? new PostgresSearchIndex(db) : new SqliteSearchIndex(db);
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await new StorySearch(db, index).SearchAsync(request, CancellationToken.None);
        watch.Stop();
        process.Refresh();
        total = result.Total;
        if (i < warmups) continue;
        times.Add(watch.Elapsed.TotalMilliseconds);
        allCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
    }
    all.AddRange(times);
    perQuery.Add((label, total, Percentile(times, 50), Percentile(times, 95)));
}
// Wall-clock time is what a reader waits; the app's own CPU time per query shows how much of it was this process
// at work rather than waiting for a core on a shared machine (PostgreSQL's own work is not in it).
Console.WriteLine($"| {(postgres ? "PostgreSQL" : "SQLite")} | {count:N0} | {Percentile(all, 50):F1} ms | {Percentile(all, 95):F1} ms | {Percentile(all, 99):F1} ms | {all.Max():F1} ms | {Percentile(allCpu, 50):F1} / {Percentile(allCpu, 95):F1} ms | {(loaded + indexed).TotalSeconds:F0} s |");
foreach (var (label, total, p50, p95) in perQuery)
    Console.Error.WriteLine($"    {label,-24} {total,7:N0} hits   p50 {p50,6:F1} ms   p95 {p95,6:F1} ms");
return 0;

static object?[] Row(object?[] story)
{
    var paragraphs = (List<string>)story[4]!;
    return [story[0], story[1], story[2], story[3], string.Join("\n\n", paragraphs), string.Concat(paragraphs.Select(p => $"<p>{p}</p>")),
        string.Join(' ', paragraphs), story[5], story[6]];
}

static double Percentile(List<double> values, int p)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

void LoadSqlite()
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using var transaction = connection.BeginTransaction();
    using (var insert = connection.CreateCommand())
    {
        insert.CommandText = """
            INSERT INTO "Articles" ("Id", "Headline", "Slug", "Standfirst", "BodyMarkdown", "BodyHtml", "BodyText", "PrimarySectionId",
                "FirstPublishedAt", "UpdatedAt", "CreatedAt", "ModifiedAt", "Status", "Version")
            VALUES ($id, $headline, $slug, $standfirst, $md, $html, $text, $section, $at, $at, $at, $at, 'Draft', 1)
            """;
        var names = new[] { "$id", "$headline", "$slug", "$standfirst", "$md", "$html", "$text", "$section", "$at" };
        var parameters = names.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var story in stories.Select(Row))
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = story[i];
            insert.ExecuteNonQuery();
        }
    }
    using (var insert = connection.CreateCommand())
    {
        insert.CommandText = "INSERT INTO \"Byline\" (\"ArticleId\", \"AuthorId\", \"Position\") VALUES ($a, $b, $p)";
        var a = insert.Parameters.Add(new SqliteParameter { ParameterName = "$a" });
        var b = insert.Parameters.Add(new SqliteParameter { ParameterName = "$b" });
        var p = insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" });
        foreach (var row in bylines) { a.Value = row.Article; b.Value = row.Author; p.Value = row.Position; insert.ExecuteNonQuery(); }
    }
    using (var insert = connection.CreateCommand())
    {
        insert.CommandText = "INSERT INTO \"ArticleTag\" (\"ArticleId\", \"TagId\") VALUES ($a, $t)";
        var a = insert.Parameters.Add(new SqliteParameter { ParameterName = "$a" });
        var t = insert.Parameters.Add(new SqliteParameter { ParameterName = "$t" });
        foreach (var row in tags) { a.Value = row.Article; t.Value = row.Tag; insert.ExecuteNonQuery(); }
    }
    transaction.Commit();
}

async Task LoadPostgresAsync()
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using (var copy = await connection.BeginBinaryImportAsync("""
        COPY "Articles" ("Id", "Headline", "Slug", "Standfirst", "BodyMarkdown", "BodyHtml", "BodyText", "PrimarySectionId",
            "FirstPublishedAt", "UpdatedAt", "CreatedAt", "ModifiedAt", "Status", "Version") FROM STDIN (FORMAT BINARY)
        """))
    {
        foreach (var s in stories.Select(Row))
        {
            await copy.StartRowAsync();
            for (var i = 0; i < 8; i++) await copy.WriteAsync(s[i]);
            for (var i = 0; i < 4; i++) await copy.WriteAsync((DateTime)s[8]!, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            await copy.WriteAsync("Draft");
            await copy.WriteAsync(1);
        }
        await copy.CompleteAsync();
    }
    await using (var copy = await connection.BeginBinaryImportAsync("COPY \"Byline\" (\"ArticleId\", \"AuthorId\", \"Position\") FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var row in bylines) await copy.WriteRowAsync(default, row.Article, row.Author, row.Position);
        await copy.CompleteAsync();
    }
    await using (var copy = await connection.BeginBinaryImportAsync("COPY \"ArticleTag\" (\"ArticleId\", \"TagId\") FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var row in tags) await copy.WriteRowAsync(default, row.Article, row.Tag);
        await copy.CompleteAsync();
    }
    await using var sequence = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('\"Articles\"', 'Id'), (SELECT max(\"Id\") FROM \"Articles\"))", connection);
    await sequence.ExecuteScalarAsync();
}
