using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Web.Demo;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

/// <summary>
/// What a node does with the database before it serves: migrations (and what its engine does after them),
/// and on the first start the first admin, the demo and the first signing key, one node at a time.
/// </summary>
public static class DatabaseStartup
{
    public static string ConnectionStringFor(MastheadOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString)) return options.Database.ConnectionString;
        if (options.Database.Provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Masthead:Database:ConnectionString is required when the provider is Postgres.");
        return $"Data Source={Path.Combine(options.DataDirectory, "masthead.db")}";
    }

    /// <summary>Creates the data folder, applies migrations, and on an empty database loads the demo and creates the first admin.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value;
        Directory.CreateDirectory(options.DataDirectory);
        app.Services.GetRequiredService<MediaStore>().CleanLeftovers();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        (string Email, string Password)? firstAdmin;
        // A database that does not exist yet is created by its first migration, before there is anywhere to take turns.
        var migrated = options.Database.MigrateOnStartup && !await db.Database.CanConnectAsync();
        if (migrated) await MigrateAsync(db, options);
        // Nodes starting together take turns here, so exactly one migrates, makes the first admin, the first signing
        // key and the demo; the others find them made.
        await using (await StartupLock.TakeAsync(db, options))
        {
            if (options.Database.MigrateOnStartup && !migrated) await MigrateAsync(db, options);
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            firstAdmin = await accounts.EnsureFirstAdminAsync(CancellationToken.None);
            if (options.Demo.LoadOnFirstStart && !await db.Sections.AnyAsync())
            {
                var report = await scope.ServiceProvider.GetRequiredService<DemoContentLoader>().LoadAsync(CancellationToken.None);
                app.Logger.LogInformation("Loaded the demo publication: {Report}", report);
            }
            // The first signing key is made here too, inside the turn, rather than by each node's first request.
            app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("startup").Protect("key ring"u8.ToArray());
        }
        if (firstAdmin is not null)
        {
            // Printed once, on the start that created the account; only its hash is stored.
            Console.WriteLine();
            Console.WriteLine("  Masthead created the first admin account:");
            Console.WriteLine($"    email:    {firstAdmin.Value.Email}");
            Console.WriteLine($"    password: {firstAdmin.Value.Password}");
            Console.WriteLine("  Keep it somewhere safe; it will not be shown again.");
            Console.WriteLine();
        }
    }

    /// <summary>A PostgreSQL advisory lock held on the context's connection for one start's setup; nothing to take on SQLite (one node).</summary>
    private sealed class StartupLock(MastheadDbContext? db) : IAsyncDisposable
    {
        private const long Key = 0x4D617374_68656164; // "Masthead"

        public static async Task<StartupLock> TakeAsync(MastheadDbContext db, MastheadOptions options)
        {
            if (options.Database.Provider != DatabaseProvider.Postgres) return new StartupLock(null);
            await db.Database.OpenConnectionAsync();
            // No timeout on the wait: the node ahead may be loading the demo or migrating, which takes as long as it takes
            // on a busy machine (a 30-second wait once stopped two of three nodes starting together).
            await WithCommandTimeoutAsync(db, 0, () => db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({Key})"));
            return new StartupLock(db);
        }

        public async ValueTask DisposeAsync()
        {
            if (db is null) return;
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({Key})");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs <paramref name="work"/> with another command timeout (seconds; 0 waits for ever), then puts the usual one back.</summary>
    private static async Task WithCommandTimeoutAsync(MastheadDbContext db, int seconds, Func<Task> work)
    {
        var usual = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(seconds);
        try
        {
            await work();
        }
        finally
        {
            db.Database.SetCommandTimeout(usual);
        }
    }

    public static async Task MigrateAsync(MastheadDbContext db, MastheadOptions options)
    {
        // A migration that rebuilds an index or a table over a large publication (or on a busy server) takes longer
        // than a page's query ever should: it gets minutes, not the default 30 seconds. Restored after.
        await WithCommandTimeoutAsync(db, (int)TimeSpan.FromMinutes(15).TotalSeconds, async () =>
        {
            // With nothing to apply EF Core would still build the migrations' model and compare it with the app's
            // (about half a second of a CLI command's start); the list of pending ones is a read of the history table.
            if ((await db.Database.GetPendingMigrationsAsync()).Any()) await db.Database.MigrateAsync();
        });
        await DatabaseEngines.For(options.Database.Provider).AfterMigrationsAsync(db, CancellationToken.None);
    }

}
