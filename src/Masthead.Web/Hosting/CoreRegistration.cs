using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Body;
using Masthead.Core.Changes;
using Masthead.Core.Common;
using Masthead.Core.ContentApi;
using Masthead.Core.Data;
using Masthead.Core.Search;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Core.Webhooks;
using Masthead.Web.Demo;
using Masthead.Web.Media;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

/// <summary>The services every part of Masthead uses: the database, use cases, media, mail, caches and background work.</summary>
public static class CoreRegistration
{
    public static WebApplicationBuilder AddMastheadCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCheckedMastheadOptions();
        var options = builder.Configuration.GetSection("Masthead").Get<MastheadOptions>() ?? new MastheadOptions();
        var connectionString = DatabaseStartup.ConnectionStringFor(options);
        var engine = DatabaseEngines.For(options.Database.Provider);
        services.AddSingleton(engine);
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
            engine.Configure(db, connectionString);
        });

        services.AddMastheadCompression();
        services.AddSingleton<Masthead.Web.PublicSite.PreparedReads>();
        services.AddSingleton(engine.CreateSnapshot(connectionString, options.Database));
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
        services.AddScoped(sp => engine.CreateSearchIndex(sp.GetRequiredService<MastheadDbContext>()));
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


}
