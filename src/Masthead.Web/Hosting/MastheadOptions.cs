using System.ComponentModel.DataAnnotations;
using Masthead.Core.Data;

namespace Masthead.Web.Hosting;

/// <summary>Bound from the <c>Masthead</c> configuration section (environment: <c>Masthead__BaseUrl</c> …).</summary>
/// <summary>The TLS-terminating proxies (a load balancer, Varnish behind one) whose X-Forwarded-* headers are believed.</summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of proxies, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];
    /// <summary>Networks of proxies in CIDR form, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>Caches in front of the nodes (Varnish with deploy/varnish/masthead.vcl) that Masthead purges by tag.</summary>
public sealed class CacheOptions
{
    /// <summary>Each cache's address, e.g. "http://varnish-1:6081/"; every change is purged on each, from one node.</summary>
    public List<string> PurgeUrls { get; set; } = [];
}

/// <summary>How nodes keep in step with changes made on others.</summary>
public sealed class ClusterOptions
{
    /// <summary>Besides PostgreSQL's push, how often a node reads the change record anyway (a missed notification costs at most this).</summary>
    [Range(1, 3600)]
    public int CatchUpSeconds { get; set; } = 5;
}

/// <summary>The signing keys nodes share, kept in the database.</summary>
public sealed class KeyRingOptions
{
    /// <summary>
    /// 32 random bytes in base64 (`openssl rand -base64 32`) that encrypt the key ring in the database, so a copy of the
    /// database alone cannot forge sessions. The same value on every node; never in the repository.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }
}

public sealed class MastheadOptions
{
    /// <summary>The public address readers use; canonical URLs and feeds are built from it.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Folder for the SQLite file and uploaded or generated media; relative paths are taken from the working directory.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>IANA time zone in which dates are shown to readers; overrides the stored publication setting when given.</summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// The theme that renders the public pages: a Masthead.Themes.&lt;Name&gt;.dll beside the app (docs/themes.md). Read once at
    /// start by <see cref="PublicSite.Themes.ThemeCatalog"/>; unset is Masthead's own look.
    /// </summary>
    public string? Theme { get; set; }

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public PageCacheOptions PageCache { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Sign-in and reset attempts allowed per client address per minute.</summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    public SitemapOptions Sitemaps { get; set; } = new();
    public Media.MediaOptions Media { get; set; } = new();
    public ContentApiOptions ContentApi { get; set; } = new();
    public WebhookOptions Webhooks { get; set; } = new();
    public KeyRingOptions DataProtection { get; set; } = new();
    public ClusterOptions Cluster { get; set; } = new();
    public ProxyOptions Proxy { get; set; } = new();
    public CacheOptions Cache { get; set; } = new();
    public MembersOptions Members { get; set; } = new();
    public NewsletterOptions Newsletters { get; set; } = new();
    public NotificationOptions Notifications { get; set; } = new();
    public MailEventsOptions MailEvents { get; set; } = new();

    public string DataDirectory => Path.GetFullPath(DataPath);
    public string MediaDirectory => Path.Combine(DataDirectory, "media");
}

public sealed class DemoOptions
{
    /// <summary>Load the demo publication when the database is empty.</summary>
    public bool LoadOnFirstStart { get; set; } = true;
}

public sealed class PageCacheOptions
{
    /// <summary>Keep rendered public pages in the server's output cache until content changes.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>
    /// Memory for the page cache's rendered pages, least recently used out first. Compressed copies (what browsers ask
    /// for) are a quarter of a page's size, so 64 MB keeps some 8,000 pages; a node behind a caching proxy needs less.
    /// </summary>
    public int Megabytes { get; set; } = 64;
    /// <summary>Memory for the last good copy of each page, served while the database cannot be reached; 0 turns it off.</summary>
    public int StaleCopyMegabytes { get; set; } = 32;
}

/// <summary>Optional outgoing mail for password resets and invitations; without a host the links go to the log.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "newsroom@localhost";
    public DkimOptions Dkim { get; set; } = new();
}

/// <summary>
/// Bound from <c>Masthead:Smtp:Dkim</c>: every message Masthead sends is DKIM-signed when a domain, a selector and a key
/// are given. The key is an RSA private key in PEM, in a file (<see cref="PrivateKeyPath"/>) or in the setting itself
/// (<see cref="PrivateKey"/>, for secret stores that hand out values); never in the repository.
/// </summary>
public sealed class DkimOptions
{
    /// <summary>The signing domain (d=), e.g. quire.example; the From addresses should be in it.</summary>
    public string? Domain { get; set; }
    /// <summary>The selector (s=): the public key is published at {Selector}._domainkey.{Domain}.</summary>
    public string? Selector { get; set; }
    public string? PrivateKeyPath { get; set; }
    public string? PrivateKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector)
        && (!string.IsNullOrWhiteSpace(PrivateKeyPath) || !string.IsNullOrWhiteSpace(PrivateKey));
}

/// <summary>
/// Bound from <c>Masthead:MailEvents</c>: the inbound webhook at /api/mail/events where the mail provider reports bounces
/// and complaints (docs/operations.md). Off until a secret is set; both values belong in the environment or a secret store.
/// </summary>
public sealed class MailEventsOptions
{
    /// <summary>Sent by the provider as the password of HTTP basic authentication (Postmark) or as a bearer token.</summary>
    public string? Secret { get; set; }
    /// <summary>Mailgun's HTTP webhook signing key: Mailgun's events are checked by their signature instead.</summary>
    public string? MailgunSigningKey { get; set; }
}

/// <summary>Limits on the links readers can ask for (sign-up confirmations and sign-in links), counted in the database.</summary>
public sealed class MembersOptions
{
    /// <summary>Links one email address may be sent per hour, however many people ask: nobody can fill an inbox with them.</summary>
    [Range(1, 1000)]
    public int LinksPerAddressPerHour { get; set; } = 5;

    /// <summary>Sign-up and sign-in requests one client address may make per minute.</summary>
    [Range(1, 100_000)]
    public int RequestsPerClientPerMinute { get; set; } = 10;
}

/// <summary>Bound from <c>Masthead:Notifications</c>: the newsroom's review emails (they need <c>Masthead:Smtp</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>Run the sending loop in this process (tests run passes by hand).</summary>
    public bool BackgroundSending { get; set; } = true;

    /// <summary>How often a node looks for review emails to send.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 10;
}

/// <summary>How newsletters leave: in batches over one SMTP connection, from a queue in the database any node may work.</summary>
public sealed class NewsletterOptions
{
    /// <summary>Run the sending loop in this process; turn off on nodes that should not send (tests run passes by hand).</summary>
    public bool BackgroundSending { get; set; } = true;

    /// <summary>Messages sent over one connection before the progress is saved and the claim renewed.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>At most this many messages a minute (0: as fast as the mail server takes them); providers often set a rate.</summary>
    [Range(0, 1_000_000)]
    public int MessagesPerMinute { get; set; }

    /// <summary>How often a node looks for stories that went live with a newsletter waiting, and for sends to resume.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;
}

public sealed class SitemapOptions
{
    /// <summary>The sitemap protocol's limit: a sitemap file may list at most this many URLs.</summary>
    public const int ProtocolLimit = 50_000;

    /// <summary>Stories per article sitemap file, 1 to 50,000; lower it to keep each file small.</summary>
    public int ArticlesPerFile { get; set; } = ProtocolLimit;
}

public sealed class ContentApiOptions
{
    /// <summary>Origins whose pages may call the Content API from a browser (CORS); "*" allows any. None by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Requests one key may make per minute; more get 429 with Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 600;
}

public sealed class WebhookOptions
{
    /// <summary>Attempts per delivery before it is marked dead.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles after each further one, up to six hours.</summary>
    [Range(1, 86_400)]
    public int FirstRetrySeconds { get; set; } = 30;

    /// <summary>How long a receiver has to answer one request.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Run the delivery loop in this process; turn off on nodes that should not send (tests run passes by hand).</summary>
    public bool BackgroundDelivery { get; set; } = true;

    /// <summary>How often the loop looks for due deliveries when nothing woke it.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>Internal networks (CIDR) deliveries may go to after all, e.g. "10.1.2.0/24" for a receiver inside the operator's network.</summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
