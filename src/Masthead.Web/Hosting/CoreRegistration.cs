using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Body;
using Masthead.Core.Changes;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Search;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Core.Webhooks;
using Masthead.Core.ContentApi;
using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;
using Masthead.Web.Demo;
using Microsoft.AspNetCore.DataProtection;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

public static class CoreRegistration
{
    public static WebApplicationBuilder AddMastheadCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MastheadOptions>()
            .BindConfiguration("Masthead")
            .ValidateDataAnnotations()
            .Validate(o => o.Sitemaps.ArticlesPerFile is >= 1 and <= SitemapOptions.ProtocolLimit,
                $"Masthead:Sitemaps:ArticlesPerFile must be between 1 and {SitemapOptions.ProtocolLimit}.")
            .Validate(o => o.Media.MaxUploadBytes > 0 && o.Media.MaxPixels > 0 && o.Media.MinWidth > 0,
                "Masthead:Media:MaxUploadBytes, MaxPixels and MinWidth must be positive.")
            .Validate(o => o.ContentApi.RequestsPerMinute > 0, "Masthead:ContentApi:RequestsPerMinute must be positive.")
            .Validate(o => o.Webhooks.MaxAttempts is >= 1 and <= 50 && o.Webhooks.FirstRetrySeconds > 0
                && o.Webhooks.TimeoutSeconds is >= 1 and <= 300 && o.Webhooks.PollSeconds > 0,
                "Masthead:Webhooks: MaxAttempts must be 1–50, TimeoutSeconds 1–300, FirstRetrySeconds and PollSeconds positive.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection("Masthead").Get<MastheadOptions>() ?? new MastheadOptions();
        var connectionString = ConnectionStringFor(options);
        // Webhook events are written into the outbox by the same SaveChanges as the change they describe.
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookOutbox>();
        // So is the record of every change readers can see, which every node follows to keep its cache true.
        services.AddSingleton<ContentChangeSignal>();
        services.AddSingleton<ContentChangeRecorder>();
        services.AddSingleton<Masthead.Core.Notifications.ReviewNoticeRecorder>();
        services.AddDbContextPool<MastheadDbContext>((provider, db) =>
        {
            db.AddInterceptors(NulText, provider.GetRequiredService<WebhookOutbox>(), provider.GetRequiredService<ContentChangeRecorder>(),
                provider.GetRequiredService<Masthead.Core.Notifications.ReviewNoticeRecorder>());
            _ = options.Database.Provider switch
            {
                DatabaseProvider.Sqlite => SqliteDatabase.Configure(db, connectionString),
                DatabaseProvider.Postgres => PostgresDatabase.Configure(db, connectionString),
                _ => throw new InvalidOperationException($"Unknown database provider '{options.Database.Provider}'. Use Sqlite or Postgres."),
            };
        });

        services.AddMastheadCompression();
        services.AddSingleton<PreparedReads>();
        services.AddSingleton<IDatabaseSnapshot>(options.Database.Provider == DatabaseProvider.Postgres
            ? new Masthead.Data.Postgres.PostgresSnapshot(connectionString, options.Database.PostgresTools)
            : new Masthead.Data.Sqlite.SqliteSnapshot(connectionString));
        services.AddScoped<Backup.PublicationBackup>();
        services.AddSingleton(TimeProvider.System);
        // Session cookies, CSRF tokens, preview links and webhook secrets are protected with keys kept in the database,
        // so every node accepts what another signed, and a restart keeps them; encrypted there with the operator's key.
        services.AddDataProtection().SetApplicationName("Masthead").PersistKeysToDbContext<MastheadDbContext>();
        if (KeyRingEncryptor.ReadKey(options.DataProtection.KeyEncryptionKey) is { } keyEncryptionKey)
            services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlEncryptor = new KeyRingEncryptor(keyEncryptionKey));
        services.AddSingleton<BodyRenderer>();
        services.AddScoped<BodyRerender>();
        services.AddScoped<SaveArticle>();
        services.AddScoped<ArticleWorkflow>();
        services.AddScoped<BulkEdit>();
        services.AddScoped<Masthead.Core.Curation.FrontPagePins>();
        services.AddScoped<Masthead.Core.LiveBlogs.LiveBlogDesk>();
        services.AddScoped<SaveSection>();
        services.AddScoped<SaveAuthor>();
        services.AddScoped<SaveTag>();
        services.AddScoped<ISearchIndex>(sp => options.Database.Provider == DatabaseProvider.Postgres
            ? new PostgresSearchIndex(sp.GetRequiredService<MastheadDbContext>())
            : new SqliteSearchIndex(sp.GetRequiredService<MastheadDbContext>()));
        services.AddScoped<StorySearch>();
        services.AddMediaLibrary(options);
        services.AddExceptionHandler<FailureAnswers>();
        services.AddScoped<DemoContentLoader>();
        services.AddSingleton<Masthead.Core.Import.IImportMediaStore, Masthead.Web.Import.ImportMediaStore>();
        services.AddScoped<Masthead.Core.Import.ImportRunner>();
        services.AddSingleton<Masthead.Web.Import.ImportJobs>();
        services.AddScoped<Masthead.Web.Export.PublicationExport>();
        services.AddScoped<Masthead.Web.Export.PublicationRestore>();
        // Outgoing mail (account links, member links, newsletters) through the one configured SMTP server.
        services.AddSingleton<Masthead.Web.Mail.MailSender>();
        services.AddScoped<AccountService>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ContentApiKeys>();
        services.AddScoped<Masthead.Core.Publication.SaveSettings>();
        // Limits that hold across nodes: sign-in attempts per address, Content API requests per key.
        services.AddScoped<SharedRateLimits>();
        services.AddSingleton<ContentChangeBroadcaster>();
        services.AddScoped<IContentChangeNotifier, RecordedContentChanges>();
        services.AddSingleton<ContentChangeFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentChangeFollower>());
        services.AddSingleton<ClusterNodeProgress>();
        services.AddHostedService<ClusterNodeHeartbeat>();
        // The caches in front hear of each change from one node; a Fastly or Cloudflare client would be another ICdnPurger.
        if (options.Cache.PurgeUrls.Count > 0) services.AddHttpClient<ICdnPurger, VarnishPurger>(c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<CdnPurgeSender>();
        services.AddHostedService(sp => sp.GetRequiredService<CdnPurgeSender>());
        services.AddHostedService<ScheduledPublisher>();
        return builder;
    }

    private static readonly NulScrubber NulText = new();

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

    /// <summary>
    /// Behind configured proxies only, the client address and scheme come from X-Forwarded-For and -Proto: so cookies
    /// are Secure behind a TLS-terminating proxy and sign-in limits count real clients. Headers from anyone else are ignored.
    /// </summary>
    private static void UseProxyHeaders(WebApplication app, ProxyOptions proxy)
    {
        if (proxy.KnownProxies.Count == 0 && proxy.KnownNetworks.Count == 0) return;
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var address in proxy.KnownProxies) forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(address));
        foreach (var network in proxy.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        app.UseForwardedHeaders(forwarded);
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
        await WithCommandTimeoutAsync(db, (int)TimeSpan.FromMinutes(15).TotalSeconds, () => db.Database.MigrateAsync());
        if (options.Database.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers carry on while an editor saves.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // A later migration that rebuilt a table the search triggers sit on has dropped them: put them back.
            if (await db.Database.SqlQueryRaw<int>(SearchSchema.SqliteTriggerCount).SingleAsync() < SearchSchema.SqliteExpectedCount)
                await db.Database.ExecuteSqlRawAsync(SearchSchema.SqliteRepair);
        }
    }

    public static WebApplication UseMastheadPipeline(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value;
        UseProxyHeaders(app, settings.Proxy);
        app.UseMiddleware<Observability.RequestLog>();
        Observability.Telemetry.UseMetricsEndpoint(app);
        // Browsers keep to https once they have seen it, when the publication's address is https.
        if (settings.BaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            app.Use((http, next) =>
            {
                if (http.Request.IsHttps) http.Response.Headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                return next(http);
            });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Asset URLs carry a content hash (?v=…), so browsers may keep them for a year.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        app.UseRouting();
        // CORS answers preflight requests before authentication asks them for a key.
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so Content API requests are counted per key; before the cache, so cached answers count too.
        app.UseMiddleware<ContentApi.ContentApiRateLimit>();
        app.UseAcceptEncodingChoice();
        app.UseOutputCache();
        app.UseMiddleware<PublicSite.ConditionalGetMiddleware>();
        app.UseMastheadCompression();
        return app;
    }
}
