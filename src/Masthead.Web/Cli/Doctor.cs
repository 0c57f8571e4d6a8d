using Masthead.Core.Data;
using Masthead.Web.Hosting;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.Web.Cli;

/// <summary>
/// `masthead doctor`: checks a deployment's settings and the services it needs before it serves anyone, and says what
/// to change in the words of the setting to change. Failures stop a deploy (exit code 1); warnings are advice.
/// </summary>
public static class Doctor
{
    public enum Level { Ok, Warning, Failure }

    public sealed record Finding(Level Level, string Check, string Message);

    public static async Task<List<Finding>> ExamineAsync(IServiceProvider services, MastheadOptions options, CancellationToken ct)
    {
        var findings = new List<Finding>();
        void Add(Level level, string check, string message) => findings.Add(new Finding(level, check, message));
        var postgres = options.Database.Provider == DatabaseProvider.Postgres;

        // The public address: canonical URLs, feeds, cookies and HSTS follow it.
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            Add(Level.Failure, "Masthead:BaseUrl", $"\"{options.BaseUrl}\" is not an http(s) address.");
        else if (baseUrl.IsLoopback || baseUrl.Host == "localhost")
            Add(postgres ? Level.Warning : Level.Ok, "Masthead:BaseUrl", $"{options.BaseUrl}: right for a laptop; set the publication's public address before readers arrive.");
        else if (baseUrl.Scheme != "https")
            Add(Level.Warning, "Masthead:BaseUrl", $"{options.BaseUrl} is not https: session cookies will not be Secure and browsers will not be told to keep to https.");
        else
            Add(Level.Ok, "Masthead:BaseUrl", options.BaseUrl);

        // The data folder: the SQLite file, staging for uploads, the AVIF probe.
        try
        {
            Directory.CreateDirectory(options.DataDirectory);
            var probe = Path.Combine(options.DataDirectory, $".doctor-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(probe, "ok", ct);
            File.Delete(probe);
            Add(Level.Ok, "Masthead:DataPath", $"{options.DataDirectory} is writable.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Add(Level.Failure, "Masthead:DataPath", $"{options.DataDirectory} is not writable: {e.Message}");
        }

        // The database answers and is migrated, and the media bucket answers: the very checks /readyz runs.
        var ready = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(HealthEndpoints.Ready), ct);
        foreach (var (name, entry) in ready.Entries)
            Add(entry.Status == HealthStatus.Healthy ? Level.Ok : Level.Failure, name == "database" ? "Masthead:Database" : "Masthead:Media",
                name == "database" && entry.Status == HealthStatus.Healthy ? $"{options.Database.Provider}: {entry.Description}" : entry.Description ?? "");
        var db = services.GetRequiredService<MastheadDbContext>();

        // Several nodes share what PostgreSQL holds; these matter only there.
        if (postgres)
        {
            if (string.IsNullOrWhiteSpace(options.DataProtection.KeyEncryptionKey))
                Add(Level.Warning, "Masthead:DataProtection:KeyEncryptionKey", "Not set: the signing keys in the database are stored unencrypted, so a copy of the database could forge sessions. Set 32 random bytes in base64 (openssl rand -base64 32), the same on every node.");
            else
                Add(Level.Ok, "Masthead:DataProtection:KeyEncryptionKey", "Set (a key that is not 32 bytes in base64 stops the node at start, with that message).");
            if (options.Media.Storage == MediaStorageKind.Disk)
                Add(Level.Warning, "Masthead:Media:Storage", "Disk: pictures uploaded on one node are not on the others unless DataPath/media is one shared folder. Use S3 for several nodes.");
            if (options.Database.MigrateOnStartup)
                Add(Level.Warning, "Masthead:Database:MigrateOnStartup", "true: every node may migrate at start. With several nodes, set it false and run masthead migrate once per deploy.");
            if (options.Proxy.KnownProxies.Count == 0 && options.Proxy.KnownNetworks.Count == 0)
                Add(Level.Warning, "Masthead:Proxy", "No known proxies: behind a load balancer, client addresses (sign-in limits) and https detection come out wrong.");
        }

        // Mail: resets and invitations can still be passed on by hand, but nobody is told.
        Add(string.IsNullOrWhiteSpace(options.Smtp.Host) ? Level.Warning : Level.Ok, "Masthead:Smtp:Host",
            string.IsNullOrWhiteSpace(options.Smtp.Host)
                ? "No mail server: invitation and reset links are shown to the admin and written to the log, not emailed."
                : $"{options.Smtp.Host}:{options.Smtp.Port}");

        var databaseAnswers = findings.Any(f => f.Check == "Masthead:Database" && f.Level == Level.Ok);
        if (postgres && databaseAnswers && options.Demo.LoadOnFirstStart && !await db.Sections.AnyAsync(ct))
            Add(Level.Warning, "Masthead:Demo:LoadOnFirstStart", "true on an empty PostgreSQL database: the demo magazine will be loaded into production. Set it false.");

        // `masthead backup` on PostgreSQL runs pg_dump.
        if (services.GetRequiredService<IDatabaseSnapshot>() is Masthead.Data.Postgres.PostgresSnapshot snapshot)
        {
            if (snapshot.FindTool("pg_dump") is { } pgDump) Add(Level.Ok, "Masthead:Database:PostgresTools", $"{pgDump}, for masthead backup.");
            else Add(Level.Warning, "Masthead:Database:PostgresTools", "pg_dump is not installed: `masthead backup` needs PostgreSQL's client tools (Debian: postgresql-client) of the server's version or newer.");
        }
        if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null)
            Add(Level.Warning, "MALLOC_ARENA_MAX", "Not set: start nodes with MALLOC_ARENA_MAX=2 (about 15 MB less memory each).");
        return findings;
    }

    public static int Print(IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
            Console.WriteLine($"{f.Level switch { Level.Ok => "ok  ", Level.Warning => "warn", _ => "FAIL" }}  {f.Check}: {f.Message}");
        var failures = findings.Count(f => f.Level == Level.Failure);
        var warnings = findings.Count(f => f.Level == Level.Warning);
        Console.WriteLine(failures > 0 ? $"{failures} problem(s) to fix before serving; {warnings} warning(s)." : $"Ready to serve; {warnings} warning(s).");
        return failures > 0 ? 1 : 0;
    }
}
