using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.ContentApi;
using Masthead.Core.Import;
using Masthead.Core.Media;
using Masthead.Core.Members;
using Masthead.Core.Newsletters;
using Masthead.Core.Pages;
using Masthead.Core.Publication;
using Masthead.Core.Revisions;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Core.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Masthead.Core.Data;

/// <remarks>Also the key ring's store: every node signs cookies, anti-forgery tokens and preview links with the same keys.</remarks>
public sealed class MastheadDbContext(DbContextOptions<MastheadDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PublicationSettings> Publication => Set<PublicationSettings>();
    public DbSet<NavigationItem> Navigation => Set<NavigationItem>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<TagRedirect> TagRedirects => Set<TagRedirect>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleRedirect> ArticleRedirects => Set<ArticleRedirect>();
    public DbSet<Page> Pages => Set<Page>();
    public DbSet<MediaItem> Media => Set<MediaItem>();
    public DbSet<VideoThumbnail> VideoThumbnails => Set<VideoThumbnail>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<PendingChange> PendingChanges => Set<PendingChange>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<Common.RateLimitCounter> RateLimitCounters => Set<Common.RateLimitCounter>();
    public DbSet<Changes.ContentChangeRecord> ContentChanges => Set<Changes.ContentChangeRecord>();
    public DbSet<Changes.ClusterNode> ClusterNodes => Set<Changes.ClusterNode>();
    public DbSet<ContentApiKey> ContentApiKeys => Set<ContentApiKey>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();
    public DbSet<LegacyUrl> LegacyUrls => Set<LegacyUrl>();
    public DbSet<LiveBlogs.LiveEntry> LiveEntries => Set<LiveBlogs.LiveEntry>();
    public DbSet<Curation.Pin> Pins => Set<Curation.Pin>();
    public DbSet<Notifications.ReviewNotice> ReviewNotices => Set<Notifications.ReviewNotice>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberEvent> MemberEvents => Set<MemberEvent>();
    public DbSet<MemberToken> MemberTokens => Set<MemberToken>();
    public DbSet<MemberLabel> MemberLabels => Set<MemberLabel>();
    public DbSet<NewsletterSubscription> NewsletterSubscriptions => Set<NewsletterSubscription>();
    public DbSet<Newsletter> Newsletters => Set<Newsletter>();
    public DbSet<NewsletterSend> NewsletterSends => Set<NewsletterSend>();
    public DbSet<NewsletterRecipient> NewsletterRecipients => Set<NewsletterRecipient>();
    public DbSet<NewsletterLink> NewsletterLinks => Set<NewsletterLink>();
    public DbSet<Digest> Digests => Set<Digest>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every instant is UTC in the database and comes back marked as UTC (Npgsql's timestamptz insists on it).
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(24);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<PublicationSettings>(e =>
        {
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Tagline).HasMaxLength(300);
            e.Property(p => p.Language).HasMaxLength(35);
            e.Property(p => p.TimeZone).HasMaxLength(64);
            e.Property(p => p.LogoUrl).HasMaxLength(2000);
            // Rows that existed before the setting keep the behaviour they had: full text.
            e.Property(p => p.FeedContent).HasDefaultValue(FeedContent.FullText);
            e.Property(p => p.AccentColor).HasMaxLength(7);
            e.Property(p => p.AccentTextColor).HasMaxLength(7);
            e.Property(p => p.BackgroundColor).HasMaxLength(7);
            e.Property(p => p.FontPair).HasMaxLength(20).HasDefaultValue("classic");
            e.Property(p => p.DefaultSocialImageUrl).HasMaxLength(2000);
        });
        model.Entity<NavigationItem>(e =>
        {
            e.Property(n => n.Label).HasMaxLength(100);
            e.Property(n => n.Url).HasMaxLength(2000);
        });
        model.Entity<Section>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(120);
            e.Property(s => s.Slug).HasMaxLength(120);
            e.Property(s => s.Path).HasMaxLength(600);
            e.Property(s => s.Description).HasMaxLength(1000);
            e.HasIndex(s => s.Path).IsUnique();
            e.HasOne(s => s.Parent).WithMany(s => s.Children).HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Author>(e =>
        {
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.Slug).HasMaxLength(120);
            e.Property(a => a.Bio).HasMaxLength(4000);
            e.Property(a => a.PhotoUrl).HasMaxLength(2000);
            e.HasIndex(a => a.Slug).IsUnique();
        });
        model.Entity<Tag>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(ArticleLimits.TagName);
            e.Property(t => t.Slug).HasMaxLength(120);
            e.HasIndex(t => t.Slug).IsUnique();
        });
        model.Entity<TagRedirect>(e =>
        {
            e.Property(r => r.OldSlug).HasMaxLength(120);
            e.HasIndex(r => r.OldSlug).IsUnique();
            e.HasOne<Tag>().WithMany().HasForeignKey(r => r.TagId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Article>(e =>
        {
            e.Property(a => a.Headline).HasMaxLength(ArticleLimits.Headline);
            e.Property(a => a.Slug).HasMaxLength(120);
            e.Property(a => a.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
            e.Property(a => a.SeoTitle).HasMaxLength(ArticleLimits.SeoTitle);
            e.Property(a => a.SeoDescription).HasMaxLength(ArticleLimits.SeoDescription);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => a.Slug).IsUnique();
            e.HasIndex(a => new { a.Status, a.FirstPublishedAt });
            e.HasIndex(a => new { a.PrimarySectionId, a.Status, a.FirstPublishedAt });
            e.HasOne(a => a.PrimarySection).WithMany().HasForeignKey(a => a.PrimarySectionId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsOne(a => a.HeroImage, h =>
            {
                h.Property(i => i.Url).HasMaxLength(ArticleLimits.Url);
                h.Property(i => i.Alt).HasMaxLength(ArticleLimits.HeroText);
                h.Property(i => i.Caption).HasMaxLength(ArticleLimits.HeroText);
                // Validation allowed 1,000 characters while this column held 300: PostgreSQL refused such a credit at save.
                h.Property(i => i.Credit).HasMaxLength(ArticleLimits.HeroText);
                // A picture in use cannot be deleted; the media API refuses first, with a clearer answer.
                h.HasOne(i => i.Media).WithMany().HasForeignKey(i => i.MediaId).OnDelete(DeleteBehavior.Restrict);
            });
            e.HasMany(a => a.SecondarySections).WithOne().HasForeignKey(s => s.ArticleId);
            e.HasMany(a => a.Bylines).WithOne().HasForeignKey(b => b.ArticleId);
            e.HasMany(a => a.Credits).WithOne().HasForeignKey(c => c.ArticleId);
            e.HasMany(a => a.Tags).WithOne().HasForeignKey(t => t.ArticleId);
            e.HasMany(a => a.Notes).WithOne().HasForeignKey(n => n.ArticleId);
        });
        model.Entity<ArticleSection>(e =>
        {
            e.HasKey(s => new { s.ArticleId, s.SectionId });
            e.HasOne(s => s.Section).WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ArticleTag>(e =>
        {
            e.HasKey(t => new { t.ArticleId, t.TagId });
            e.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Byline>(e =>
        {
            e.HasKey(b => new { b.ArticleId, b.AuthorId });
            e.HasOne(b => b.Author).WithMany().HasForeignKey(b => b.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(b => new { b.AuthorId, b.ArticleId });
        });
        model.Entity<Credit>(e =>
        {
            e.Property(c => c.Role).HasMaxLength(ArticleLimits.CreditRole);
            e.Property(c => c.Name).HasMaxLength(ArticleLimits.CreditName);
            e.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<ArticleNote>(e => e.Property(n => n.Text).HasMaxLength(ArticleLimits.NoteText));
        model.Entity<LiveBlogs.LiveEntry>(e =>
        {
            // Readers' pages poll for entries after the newest they hold: (article, id) answers that from the index.
            e.HasIndex(l => new { l.ArticleId, l.Id });
            e.HasOne<Article>().WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(l => l.Author).WithMany().HasForeignKey(l => l.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<Notifications.ReviewNotice>(e =>
        {
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(n => n.ActorName).HasMaxLength(200);
            e.Property(n => n.Comment).HasMaxLength(ArticleLimits.NoteText);
            // The sender asks for what is still owed, oldest first.
            e.HasIndex(n => new { n.SentAt, n.Id });
            e.HasOne<Article>().WithMany().HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Curation.Pin>(e =>
        {
            // A story is pinned at most once per page; the home page's pins have no section (NULLs are distinct in a
            // unique index, so the service keeps the home page's to one per story).
            e.HasIndex(p => new { p.SectionId, p.ArticleId }).IsUnique();
            e.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Section>().WithMany().HasForeignKey(p => p.SectionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ArticleRedirect>(e =>
        {
            e.Property(r => r.OldSlug).HasMaxLength(120);
            e.HasIndex(r => r.OldSlug).IsUnique();
            e.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Page>(e =>
        {
            e.Property(p => p.Title).HasMaxLength(300);
            e.Property(p => p.Slug).HasMaxLength(120);
            e.HasIndex(p => p.Slug).IsUnique();
        });
        model.Entity<MediaItem>(e =>
        {
            e.ToTable("Media");
            e.Property(m => m.StorageKey).HasMaxLength(MediaLimits.StorageKey);
            e.Property(m => m.FileName).HasMaxLength(MediaLimits.FileName);
            e.Property(m => m.ContentType).HasMaxLength(50);
            e.Property(m => m.Alt).HasMaxLength(MediaLimits.Alt);
            e.Property(m => m.Caption).HasMaxLength(MediaLimits.Caption);
            e.Property(m => m.Credit).HasMaxLength(MediaLimits.Credit);
            e.HasIndex(m => m.StorageKey).IsUnique();
            e.HasIndex(m => m.UploadedAt);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UploadedByUserId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<VideoThumbnail>(e =>
        {
            e.Property(v => v.Provider).HasMaxLength(24);
            e.Property(v => v.VideoId).HasMaxLength(64);
            e.HasIndex(v => new { v.Provider, v.VideoId }).IsUnique();
            e.HasOne(v => v.Media).WithMany().HasForeignKey(v => v.MediaId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<User>(e =>
        {
            e.Property(u => u.Email).HasMaxLength(320);
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.PasswordHash).HasMaxLength(500);
            e.Property(u => u.SecurityStamp).HasMaxLength(64);
            e.HasIndex(u => u.Email).IsUnique();
            e.HasOne<Author>().WithMany().HasForeignKey(u => u.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<AccountToken>(e =>
        {
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.Email).HasMaxLength(320);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<AuditEvent>(e =>
        {
            e.Property(a => a.UserName).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.EntityType).HasMaxLength(50);
            e.Property(a => a.Detail).HasMaxLength(AuditTrail.DetailLimit);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.ArticleId, a.At });
        });
        model.Entity<SignInSession>(e =>
        {
            e.ToTable("SignInSessions");
            e.Property(x => x.Id).HasMaxLength(64);
            e.HasIndex(x => new { x.UserId, x.EndedAt });
        });
        model.Entity<Common.RateLimitCounter>(e =>
        {
            e.ToTable("RateLimitCounters");
            e.HasKey(c => c.Key);
            e.Property(c => c.Key).HasMaxLength(200);
        });
        model.Entity<Changes.ContentChangeRecord>(e =>
        {
            e.ToTable("ContentChanges");
            e.Property(c => c.ArticleIds).HasMaxLength(20000);
            e.Property(c => c.SectionIds).HasMaxLength(20000);
            e.Property(c => c.AuthorIds).HasMaxLength(20000);
            e.Property(c => c.TagIds).HasMaxLength(20000);
            e.HasIndex(c => c.PurgedAt);
            e.HasIndex(c => c.At);
        });
        model.Entity<Changes.ClusterNode>(e =>
        {
            e.ToTable("ClusterNodes");
            e.HasKey(n => n.NodeId);
            e.Property(n => n.NodeId).HasMaxLength(64);
            e.Property(n => n.Host).HasMaxLength(255);
        });
        model.Entity<PendingChange>(e =>
        {
            e.ToTable("ArticlePendingChanges");
            e.HasKey(p => p.ArticleId);
            e.Property(p => p.ArticleId).ValueGeneratedNever();
            e.Property(p => p.Version).IsConcurrencyToken();
            e.Property(p => p.SavedByName).HasMaxLength(200);
            e.HasOne<Article>().WithOne(a => a.Pending).HasForeignKey<PendingChange>(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ArticleRevision>(e =>
        {
            e.HasIndex(r => new { r.ArticleId, r.Version });
            e.Property(r => r.UserName).HasMaxLength(200);
            e.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ImportMapping>(e =>
        {
            e.Property(m => m.System).HasMaxLength(20);
            e.Property(m => m.Site).HasMaxLength(300);
            e.Property(m => m.ExternalId).HasMaxLength(200);
            e.Property(m => m.Hash).HasMaxLength(64);
            e.HasIndex(m => new { m.System, m.Site, m.Kind, m.ExternalId }).IsUnique();
        });
        model.Entity<LegacyUrl>(e =>
        {
            e.Property(u => u.Path).HasMaxLength(LegacyUrl.MaxPath);
            e.HasIndex(u => u.Path).IsUnique();
        });
        model.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
        });
        model.Entity<ContentApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(Masthead.Core.ContentApi.ContentApiKeys.NameLimit);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.Hint).HasMaxLength(16);
            e.HasIndex(k => k.KeyHash).IsUnique();
        });
        model.Entity<WebhookSubscription>(e =>
        {
            e.Property(s => s.Url).HasMaxLength(2000);
            e.Property(s => s.Events).HasMaxLength(500);
            e.Property(s => s.ProtectedSecret).HasMaxLength(1000);
            e.Ignore(s => s.EventList);
        });
        model.Entity<WebhookEvent>(e =>
        {
            e.Property(w => w.Type).HasMaxLength(40);
            e.HasIndex(w => w.EventId).IsUnique();
            e.HasIndex(w => w.DispatchedAt);
        });
        model.Entity<WebhookDelivery>(e =>
        {
            e.Property(d => d.LeaseOwner).HasMaxLength(100);
            e.Property(d => d.LastError).HasMaxLength(WebhookEventTypes.ErrorLimit);
            e.HasIndex(d => new { d.State, d.NextAttemptAt });
            e.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
            e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.WebhookEventId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<WebhookAttempt>(e => e.Property(a => a.Error).HasMaxLength(WebhookEventTypes.ErrorLimit));
        ConfigureMembers(model);
    }

    private static void ConfigureMembers(ModelBuilder model)
    {
        model.Entity<Member>(e =>
        {
            e.Property(m => m.Email).HasMaxLength(320);
            e.Property(m => m.Name).HasMaxLength(MemberLimits.Name);
            e.Property(m => m.ConsentSource).HasMaxLength(100);
            e.Property(m => m.PublicKey).HasMaxLength(64);
            e.Property(m => m.SecurityStamp).HasMaxLength(64);
            e.Property(m => m.EmailStoppedReason).HasMaxLength(MemberLimits.StopReason);
            // Deleted members have no address; both databases let any number of rows share a null in a unique index.
            e.HasIndex(m => m.Email).IsUnique();
            e.HasIndex(m => m.PublicKey).IsUnique();
            e.HasIndex(m => new { m.Status, m.CreatedAt });
            e.HasMany(m => m.Subscriptions).WithOne().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NewsletterSubscription>(e =>
        {
            e.HasKey(s => new { s.MemberId, s.NewsletterId });
            e.HasIndex(s => new { s.NewsletterId, s.MemberId });
            e.HasOne<Newsletter>().WithMany().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<MemberEvent>(e =>
        {
            e.Property(m => m.Detail).HasMaxLength(300);
            e.HasIndex(m => new { m.MemberId, m.At });
            e.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<MemberLabel>(e =>
        {
            e.HasKey(l => new { l.MemberId, l.Name });
            e.Property(l => l.Name).HasMaxLength(Masthead.Core.Members.MemberLabels.MaxLength);
            // The Members page's filter, and the list of labels in use.
            e.HasIndex(l => new { l.Name, l.MemberId });
            e.HasOne<Member>().WithMany(m => m.Labels).HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<MemberToken>(e =>
        {
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.NewEmail).HasMaxLength(320);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => new { t.MemberId, t.Purpose });
            e.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Newsletter>(e =>
        {
            e.Property(n => n.Name).HasMaxLength(NewsletterLimits.Name);
            e.Property(n => n.Description).HasMaxLength(NewsletterLimits.Description);
            e.Property(n => n.SenderName).HasMaxLength(NewsletterLimits.Name);
            e.Property(n => n.SenderEmail).HasMaxLength(320);
            e.Property(n => n.ReplyTo).HasMaxLength(320);
            e.HasMany(n => n.Sections).WithOne().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NewsletterSection>(e =>
        {
            e.HasKey(s => new { s.NewsletterId, s.SectionId });
            e.HasOne<Section>().WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NewsletterSend>(e =>
        {
            e.Property(s => s.RequestedBy).HasMaxLength(200);
            e.Property(s => s.TrackingKey).HasMaxLength(64);
            e.HasIndex(s => new { s.State, s.ArticleId });
            e.HasOne<Newsletter>().WithMany().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Digest>().WithMany().HasForeignKey(s => s.DigestId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Digest>(e =>
        {
            e.Property(d => d.Subject).HasMaxLength(NewsletterLimits.DigestSubject);
            e.Property(d => d.Intro).HasMaxLength(NewsletterLimits.DigestIntro);
            e.HasOne<Newsletter>().WithMany().HasForeignKey(d => d.NewsletterId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(d => d.Stories).WithOne().HasForeignKey(s => s.DigestId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DigestStory>(e =>
        {
            e.HasKey(s => new { s.DigestId, s.ArticleId });
            // A story deleted later simply drops out of the digest.
            e.HasOne<Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NewsletterRecipient>(e =>
        {
            e.Property(r => r.Error).HasMaxLength(500);
            // At most one copy of a send per member, whatever nodes and restarts do.
            e.HasIndex(r => new { r.SendId, r.MemberId }).IsUnique();
            e.HasIndex(r => new { r.SendId, r.State });
            e.HasOne<NewsletterSend>().WithMany().HasForeignKey(r => r.SendId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NewsletterLink>(e =>
        {
            e.Property(l => l.Url).HasMaxLength(NewsletterLimits.LinkUrl);
            // Each link once per send, whichever node met it first.
            e.HasIndex(l => new { l.SendId, l.Url }).IsUnique();
            e.HasOne<NewsletterSend>().WithMany().HasForeignKey(l => l.SendId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
