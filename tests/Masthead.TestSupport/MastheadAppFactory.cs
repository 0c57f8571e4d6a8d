using System.Net.Http.Headers;
using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Masthead.TestSupport;

/// <summary>
/// The real app over real HTTP with its own data folder and its own database (SQLite file or PostgreSQL
/// database), loaded with the demo publication as on a first start.
/// </summary>
public class MastheadAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string DataDirectory { get; }
    public TestClock Clock { get; } = new();

    /// <summary>What the app logged at Warning or above; any entry not declared with <see cref="ExpectLog"/> fails the test when the app stops.</summary>
    public WarningLog Warnings { get; } = WarningsEveryTestAppLogs();

    /// <summary>Warnings that come from how the suite runs the app, and ones found but not yet fixed, each named exactly.</summary>
    private static WarningLog WarningsEveryTestAppLogs()
    {
        var log = new WarningLog();
        // How the suite runs the app:
        // The suite runs as a default install, whose key ring stays unencrypted until the operator sets
        // Masthead:DataProtection:KeyEncryptionKey; ASP.NET Core says so with each new key, as it should in production.
        log.Expect("No XML encryptor configured");
        // The in-memory TestServer cannot cap a request body; Kestrel, which production (and the browser tests) run on, can.
        log.Expect("A request body size limit could not be applied. This server does not support the IHttp");
        // YouTube stills are asked of a closed loopback port (see ConfigureWebHost), which the address guard refuses.
        log.Expect("hqdefault.jpg: The picture could not be fetched: Refused: 127.0.0.1 resolves to 127.0.0.1 is an internal address");
        // An import's stills after the first few refusals: that site is not asked again during the import.
        log.Expect("more videos were not asked of 127.0.0.1, which could not be reached");

        // Found when this check came in (issue 16) and not yet fixed or traced to the tests that provoke them on purpose.
        // Each is a to-do: delete the line, run the suite, and fix the cause or move the expectation to its test.
        // - SQLite: two migrations rebuild a table with PRAGMA foreign_keys, which EF Core cannot wrap in a transaction.
        //   The migrations are frozen; a fresh or upgraded SQLite database logs this on its first start.
        log.Expect("cannot be executed in a transaction. If the app is terminated or an unrecoverable error occurs while this operation");
        // - Posts without a CSRF cookie (refusal tests, probably), not yet attributed to their classes.
        log.Expect("The required antiforgery cookie 'masthead_csrf' is not present.");
        return log;
    }

    /// <summary>
    /// Declares a warning or error this test provokes on purpose (a refused delivery, a failing pass): entries whose
    /// category or message contains <paramref name="fragment"/> do not fail it. Lasts as long as the app (a class fixture's is shared by its class).
    /// </summary>
    public void ExpectLog(string fragment) => Warnings.Expect(fragment);
    private readonly string _connectionString;
    private readonly Dictionary<Role, string> _tokens = [];

    public MastheadAppFactory()
    {
        DataDirectory = Directory.CreateTempSubdirectory("masthead-test-").FullName;
        _connectionString = TestDatabase.NewConnectionString(DataDirectory);
        _freshData = true;
    }

    /// <summary>The app whose first start the other apps' first-start copies are made from.</summary>
    internal MastheadAppFactory(bool makesFirstStartCopy) : this() => _makesFirstStartCopy = makesFirstStartCopy;

    /// <summary>An app on an earlier app's data folder and database, as after a restart.</summary>
    protected MastheadAppFactory(string dataDirectory, string connectionString)
    {
        DataDirectory = dataDirectory;
        _connectionString = connectionString;
    }

    private readonly bool _freshData;
    private readonly bool _makesFirstStartCopy;
    private bool _startedFromCopy;

    /// <summary>
    /// Whether this app starts on a copy of what a first start with the default settings leaves (<see cref="FirstStartCopy"/>)
    /// instead of migrating and loading the demo itself. On for the default app; a factory whose settings change what
    /// a first start writes (no demo, another time zone, pictures in a bucket…) must leave it off, and the tests of the
    /// first start itself start from nothing.
    /// </summary>
    protected virtual bool StartsFromFirstStartCopy => GetType() == typeof(MastheadAppFactory);

    /// <summary>Leave the database and data folder in place on dispose, for a restarted app to use.</summary>
    public bool KeepDataOnDispose { get; set; }

    /// <summary>Whether deliveries may go to loopback (where the tests' receivers are); off to test the refusal.</summary>
    protected virtual bool AllowLoopbackWebhooks => true;

    /// <summary>Off by default: tests run delivery passes themselves (<see cref="DeliverWebhooksAsync"/>), so nothing races them.</summary>
    protected virtual bool WebhookBackgroundDelivery => false;

    public string ConnectionString => _connectionString;

    protected virtual bool LoadDemo => true;
    /// <summary>The theme the public pages render with (Masthead:Theme); none by default, Masthead's own look.</summary>
    protected virtual string? Theme => null;
    protected virtual bool PageCache => true;
    /// <summary>High by default: every test client signs in from the same (test server) address.</summary>
    protected virtual int SignInAttemptsPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Before the host is built, so the app finds the copy as a restarted node finds its data.
        if (_freshData && !_makesFirstStartCopy && !_startedFromCopy && LoadDemo && StartsFromFirstStartCopy)
        {
            FirstStartCopy.CopyTo(DataDirectory, _connectionString);
            _startedFromCopy = true;
        }
        builder.UseSetting("Masthead:DataPath", DataDirectory);
        builder.UseSetting("Masthead:BaseUrl", "https://quire.example");
        builder.UseSetting("Masthead:Database:Provider", TestDatabase.Provider);
        builder.UseSetting("Masthead:Database:ConnectionString", _connectionString);
        builder.UseSetting("Masthead:Demo:LoadOnFirstStart", LoadDemo.ToString());
        builder.UseSetting("Masthead:PageCache:Enabled", PageCache.ToString());
        if (Theme is not null) builder.UseSetting("Masthead:Theme", Theme);
        builder.UseSetting("Masthead:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Masthead:Webhooks:BackgroundDelivery", WebhookBackgroundDelivery.ToString());
        // Newsletter passes too are run by the tests that send (MailAppFactory.SendNewslettersAsync).
        builder.UseSetting("Masthead:Newsletters:BackgroundSending", "false");
        builder.UseSetting("Masthead:Notifications:BackgroundSending", "false");
        // The tests' webhook receivers listen on loopback, which deliveries refuse unless the operator allows it.
        if (AllowLoopbackWebhooks)
        {
            builder.UseSetting("Masthead:Webhooks:AllowedNetworks:0", "127.0.0.0/8");
            builder.UseSetting("Masthead:Webhooks:AllowedNetworks:1", "::1/128");
        }
        // Tests never reach YouTube: a story embedding a video asks loopback for its still, which the address guard
        // refuses at once unless a factory allows loopback and serves stills there (VideoStillSite).
        builder.UseSetting("Masthead:Media:YouTubeThumbnailUrl", "http://127.0.0.1:9/vi/{id}/hqdefault.jpg");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Warnings));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public virtual Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations and demo load run now, not inside the first test
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        try
        {
            await StopAppAsync();
        }
        finally
        {
            await StopHelpersAsync();
        }
        // After the app has stopped, so what its background work logged on the way out counts too; not in the finally,
        // so an app that failed to stop reports that failure instead.
        Warnings.AssertNoneUnexpected();
    }

    private async Task StopAppAsync()
    {
        if (KeepDataOnDispose)
        {
            await base.DisposeAsync();
            return;
        }
        // The app stops first: dropping its database under it would make its background work log the loss.
        await base.DisposeAsync();
        if (TestDatabase.IsPostgres) await TestDatabase.DropPostgresDatabaseAsync(_connectionString);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Stops what a factory started beside the app (an S3 server…), after the app itself has stopped.</summary>
    protected virtual ValueTask StopHelpersAsync() => ValueTask.CompletedTask;

    public T WithDb<T>(Func<MastheadDbContext, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<MastheadDbContext>());
    }

    public async Task WithDbAsync(Func<MastheadDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<MastheadDbContext>());
    }

    /// <summary>An API client acting as a fresh user of the given role (one user per role per factory).</summary>
    public async Task<HttpClient> ClientAsAsync(Role role)
    {
        if (!_tokens.TryGetValue(role, out var token)) _tokens[role] = token = await NewTokenAsync(role);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public const string TestPassword = "correct horse battery staple";

    /// <summary>Creates a user of the role, linked to an author, and returns a new API token for them.</summary>
    public async Task<string> NewTokenAsync(Role role)
    {
        var email = await NewUserAsync(role);
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(email, "tests", CancellationToken.None)).Value!;
    }

    /// <summary>Creates a user of the role (password <see cref="TestPassword"/>), linked to an author (Wren Ashdown, or the first) unless told not to; returns the email.</summary>
    public async Task<string> NewUserAsync(Role role, string? name = null, bool linkAuthor = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        await accounts.CreateUserAsync(email, name ?? $"Test {role}", role, TestPassword, CancellationToken.None);
        if (!linkAuthor) return email;
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        var user = await db.Users.FirstAsync(u => u.Email == email);
        // The demo's Wren Ashdown where there is a demo: the byline the tests' stories carry, which a contributor may only use as their own.
        user.AuthorId = (await db.Authors.OrderBy(a => a.Slug == "wren-ashdown" ? 0 : 1).ThenBy(a => a.Id).FirstOrDefaultAsync())?.Id;
        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>A browser-like client (cookies, no automatic redirects) signed in to the newsroom as a new user of the role.</summary>
    public async Task<NewsroomClient> NewsroomAsAsync(Role role, string? name = null)
    {
        var client = new NewsroomClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var email = await NewUserAsync(role, name);
        var response = await client.SignInAsync(email, TestPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A newsroom client that has not signed in.</summary>
    public NewsroomClient Visitor() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Runs one pass of the scheduler now, as the background service would.</summary>
    public async Task<int> PublishDueAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Masthead.Core.Articles.ArticleWorkflow>().PublishDueAsync(CancellationToken.None);
    }

    /// <summary>Runs one pass of the webhook dispatcher now, as the background service would.</summary>
    public async Task<int> DeliverWebhooksAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Masthead.Web.Webhooks.WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    public HttpClient Reader() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
