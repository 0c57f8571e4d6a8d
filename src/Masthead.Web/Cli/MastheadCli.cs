using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.ContentApi;
using Masthead.Core.Data;
using Masthead.Core.Publication;
using Masthead.Core.Search;
using Masthead.Web.Demo;
using Masthead.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Cli;

/// <summary>Command-line tasks on the same program and configuration as the web app.</summary>
public static class MastheadCli
{
    private const string Usage = """
        usage: masthead <command> [options]      (or: dotnet run --project src/Masthead.Web -- <command> …)

          migrate                                   apply database migrations
          demo                                      load the demo publication into an empty database
          user create --email E --role R [--name N] [--password P]
                                                    create a user (roles: contributor, author, editor, admin);
                                                    a password is generated and printed when none is given
          user reset-link --email E                 print a one-time password reset link (valid two hours),
                                                    for when no mail server is configured
          token create --email E [--name N]         create an admin API token for that user and print it
          content-key create --name N               create a Content API key for an app and print it (shown once)
          content-key revoke --id I                 revoke a Content API key; requests using it get 401
          search rebuild                            recompute every story's searchable text and rebuild the
                                                    search index (after an upgrade, or a bulk import in SQL)
          doctor                                    check the settings and the services a deployment needs (database,
                                                    bucket, keys, proxies, mail); exit code 1 when something must be fixed
          bodies rerender                           render every story and page body afresh (after a release that
                                                    changes the renderer or sanitiser; no version or webhook changes)
          settings [--feed-content full-text|excerpt]
                                                    show the publication's settings, or change what feeds carry;
                                                    a running server picks the change up when it restarts
                                                    or content next changes

          import wordpress FILE [--media DIR] [--dry-run]
                                                    import a WordPress export (WXR, from Tools › Export); DIR is
                                                    a copy of wp-content/uploads
          import ghost FILE [--media DIR] [--sections TAG,TAG] [--source-url URL] [--dry-run]
                                                    import a Ghost 4–6 JSON export; DIR is a copy of content/images;
                                                    --sections names the tags that become sections (default: every
                                                    post's primary tag); --source-url is the old site's address
          (an import writes everything or nothing; running it again updates what it made before)
          export DIR                                write the whole publication (content, people, settings,
                                                    revisions, redirects, media) to DIR (docs/export-format.md)
          import masthead DIR                       restore such an export into a Masthead without content
          backup DIR                                a consistent copy of the database (SQLite's backup API or
                                                    pg_dump) and every picture, into a new or empty folder DIR
          restore DIR [--replace]                   put such a backup back (same kind of database), then migrate;
                                                    --replace overwrites a publication that has content; stop
                                                    every node first

        Configuration options work as for the server, e.g. --Masthead:Database:Provider Postgres
        """;

    public static async Task<int> RunAsync(WebApplication app, CliCommand command)
    {
        var options = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value;
        Directory.CreateDirectory(options.DataDirectory);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MastheadDbContext>();
        var ct = CancellationToken.None;
        switch (command.Verb)
        {
            case "migrate":
                await DatabaseStartup.MigrateAsync(db, options);
                Console.WriteLine("Database is up to date.");
                return 0;
            case "demo":
                await DatabaseStartup.MigrateAsync(db, options);
                if (await db.Sections.AnyAsync(ct))
                {
                    Console.Error.WriteLine("The database already has content; the demo is only loaded into an empty publication.");
                    return 1;
                }
                Console.WriteLine(await services.GetRequiredService<DemoContentLoader>().LoadAsync(ct));
                return 0;
            case "search rebuild":
            {
                await DatabaseStartup.MigrateAsync(db, options);
                var indexed = await services.GetRequiredService<ISearchIndex>().RebuildAsync(ct);
                Console.WriteLine($"Rebuilt the search index: {indexed} published {(indexed == 1 ? "story" : "stories")}.");
                return 0;
            }
            case "doctor":
                return Doctor.Print(await Doctor.ExamineAsync(services, options, ct));
            case "bodies rerender":
            {
                await DatabaseStartup.MigrateAsync(db, options);
                var (articles, pages) = await services.GetRequiredService<Masthead.Core.Body.BodyRerender>().RunAsync(ct);
                Console.WriteLine($"Rendered afresh: {articles} {(articles == 1 ? "story" : "stories")} and {pages} {(pages == 1 ? "page" : "pages")} had changed; the rest were already current.");
                return 0;
            }
            case "settings":
                return await SettingsAsync(db, options, services.GetRequiredService<TimeProvider>(), command, ct);
            case "user create":
                return await CreateUserAsync(services, db, options, command, ct);
            case "user reset-link":
            {
                await DatabaseStartup.MigrateAsync(db, options);
                var secret = await services.GetRequiredService<AccountLinks>().CreatePasswordResetAsync(command.Option("email"), ct);
                if (secret is null)
                {
                    Console.Error.WriteLine($"There is no active user with the email {command.Option("email")}.");
                    return 1;
                }
                Console.WriteLine($"{options.BaseUrl.TrimEnd('/')}/newsroom/reset-password?token={Uri.EscapeDataString(secret)}");
                return 0;
            }
            case "token create":
            {
                await DatabaseStartup.MigrateAsync(db, options);
                var result = await services.GetRequiredService<AccountService>().CreateTokenAsync(command.Option("email"), command.Option("name"), ct);
                if (result.Outcome != Outcome.Created) return Fail(result.Errors);
                Console.WriteLine(result.Value);
                return 0;
            }
            case "content-key create":
            {
                await DatabaseStartup.MigrateAsync(db, options);
                var result = await services.GetRequiredService<ContentApiKeys>().CreateAsync(command.Option("name"), Editor.System, ct);
                if (result.Outcome != Outcome.Created) return Fail(result.Errors);
                Console.WriteLine(result.Value);
                return 0;
            }
            case "content-key revoke":
            {
                if (!int.TryParse(command.Option("id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    Console.Error.WriteLine("--id must be the number of the key (the newsroom's Content API keys page lists them).");
                    return 2;
                }
                await DatabaseStartup.MigrateAsync(db, options);
                var result = await services.GetRequiredService<ContentApiKeys>().RevokeAsync(id, Editor.System, ct);
                if (result.Outcome != Outcome.Ok)
                {
                    Console.Error.WriteLine(result.Message);
                    return 1;
                }
                Console.WriteLine($"Revoked the Content API key “{result.Value!.Name}”.");
                return 0;
            }
            case "export":
            {
                if (command.Arguments.Count != 1) { Console.Error.WriteLine("usage: masthead export DIR"); return 2; }
                await DatabaseStartup.MigrateAsync(db, options);
                var counts = await services.GetRequiredService<Masthead.Web.Export.PublicationExport>().ExportAsync(command.Arguments[0], ct);
                foreach (var (table, count) in counts) Console.WriteLine($"  {table,-20} {count,8}");
                Console.WriteLine($"Exported to {command.Arguments[0]}.");
                return 0;
            }
            case "import masthead":
            {
                if (command.Arguments.Count != 1) { Console.Error.WriteLine("usage: masthead import masthead DIR"); return 2; }
                await DatabaseStartup.MigrateAsync(db, options);
                var (counts, problem) = await services.GetRequiredService<Masthead.Web.Export.PublicationRestore>().RestoreAsync(command.Arguments[0], ct);
                if (problem is not null) { Console.Error.WriteLine(problem); return 1; }
                foreach (var (table, count) in counts!) Console.WriteLine($"  {table,-20} {count,8}");
                Console.WriteLine("Restored.");
                return 0;
            }
            case "backup":
            {
                if (command.Arguments.Count != 1) { Console.Error.WriteLine("usage: masthead backup DIR"); return 2; }
                var (manifest, problem) = await services.GetRequiredService<Masthead.Web.Backup.PublicationBackup>().BackupAsync(command.Arguments[0], ct);
                if (problem is not null) { Console.Error.WriteLine(problem); return 1; }
                Console.WriteLine($"Backed up the {manifest!.Database} database (schema {manifest.Migration}) and {manifest.Pictures} pictures to {command.Arguments[0]}.");
                return 0;
            }
            case "restore":
            {
                if (command.Arguments.Count != 1) { Console.Error.WriteLine("usage: masthead restore DIR [--replace]"); return 2; }
                var (manifest, problem) = await services.GetRequiredService<Masthead.Web.Backup.PublicationBackup>()
                    .RestoreAsync(command.Arguments[0], command.Option("replace") is not null, ct);
                if (problem is not null) { Console.Error.WriteLine(problem); return 1; }
                Console.WriteLine($"Restored the backup taken {manifest!.TakenAt:u} ({manifest.Pictures} pictures) and brought its schema up to date.");
                return 0;
            }
            case var verb when verb.StartsWith("import ", StringComparison.Ordinal) && Masthead.Core.Import.ImportFormats.Find(verb["import ".Length..]) is not null:
                return await ImportAsync(services, db, options, command, ct);
            default:
                Console.WriteLine(Usage);
                return command.Verb is "help" or "--help" ? 0 : 2;
        }
    }

    private static async Task<int> CreateUserAsync(IServiceProvider services, MastheadDbContext db, MastheadOptions options, CliCommand command, CancellationToken ct)
    {
        if (!Enum.TryParse<Role>(command.Option("role") ?? "", ignoreCase: true, out var role))
        {
            Console.Error.WriteLine("--role must be one of: contributor, author, editor, admin.");
            return 2;
        }
        await DatabaseStartup.MigrateAsync(db, options);
        var password = command.Option("password") ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15));
        var result = await services.GetRequiredService<AccountService>().CreateUserAsync(command.Option("email"), command.Option("name"), role, password, ct);
        if (result.Outcome != Outcome.Created) return Fail(result.Errors);
        Console.WriteLine($"Created {role.ToString().ToLowerInvariant()} {result.Value!.Email}");
        if (command.Option("password") is null) Console.WriteLine($"password: {password}");
        return 0;
    }

    private static async Task<int> SettingsAsync(MastheadDbContext db, MastheadOptions options, TimeProvider time, CliCommand command, CancellationToken ct)
    {
        await DatabaseStartup.MigrateAsync(db, options);
        var publication = await db.Publication.OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (publication is null)
        {
            Console.Error.WriteLine("There is no publication yet: start the server once, or run `masthead demo`.");
            return 1;
        }
        if (command.Option("feed-content") is { } value)
        {
            FeedContent? parsed = value.ToLowerInvariant() switch { "full-text" => FeedContent.FullText, "excerpt" => FeedContent.Excerpt, _ => null };
            if (parsed is null)
            {
                Console.Error.WriteLine("--feed-content must be full-text or excerpt.");
                return 2;
            }
            publication.FeedContent = parsed.Value;
            publication.ModifiedAt = time.UtcNow();
            await db.SaveChangesAsync(ct);
        }
        Console.WriteLine($"name:         {publication.Name}");
        Console.WriteLine($"language:     {publication.Language}");
        Console.WriteLine($"feed content: {(publication.FeedContent == FeedContent.FullText ? "full-text" : "excerpt")}");
        return 0;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, MastheadDbContext db, MastheadOptions options, CliCommand command, CancellationToken ct)
    {
        if (command.Arguments.Count != 1)
        {
            Console.Error.WriteLine($"usage: masthead {command.Verb} FILE [--media DIR] [--dry-run]");
            return 2;
        }
        var file = command.Arguments[0];
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"There is no file {file}.");
            return 2;
        }
        await DatabaseStartup.MigrateAsync(db, options);
        var format = Masthead.Core.Import.ImportFormats.Find(command.Verb["import ".Length..])!;
        var source = format.Open(new Masthead.Core.Import.ImportFileRequest(file,
            format.TakesSections ? command.Option("sections")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
            command.Option("source-url")));
        var report = await services.GetRequiredService<Masthead.Core.Import.ImportRunner>().RunAsync(source,
            new Masthead.Core.Import.ImportOptions(command.Option("media"), command.Option("dry-run") is not null), TerminalProgress.ForConsole(), ct);
        Console.WriteLine(report.ToString());
        return report.Failed ? 1 : 0;
    }

    private static int Fail(ValidationErrors? errors)
    {
        foreach (var (field, messages) in errors?.ToDictionary() ?? new Dictionary<string, string[]>())
            foreach (var message in messages) Console.Error.WriteLine($"{field}: {message}");
        return 1;
    }
}
