namespace Masthead.Core.Webhooks;

/// <summary>
/// An address that is sent the events it subscribed to. The signing secret must be read back to sign each
/// delivery, so it cannot be hashed: the web host stores it encrypted with ASP.NET Core Data Protection.
/// </summary>
public sealed class WebhookSubscription
{
    public int Id { get; set; }
    public string Url { get; set; } = "";
    /// <summary>Event types, space-separated ("article.published article.updated").</summary>
    public string Events { get; set; } = "";
    public string ProtectedSecret { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int? CreatedByUserId { get; set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string type) => EventList.Contains(type, StringComparer.Ordinal);
}

/// <summary>
/// The outbox: one row per thing that happened, written by the same SaveChanges (and so the same transaction)
/// as the change itself. The dispatcher later turns it into one <see cref="WebhookDelivery"/> per subscription.
/// </summary>
public sealed class WebhookEvent
{
    public long Id { get; set; }
    /// <summary>The id receivers see, and may use to ignore a repeat.</summary>
    public Guid EventId { get; set; }
    public string Type { get; set; } = "";
    public DateTime OccurredAt { get; set; }
    /// <summary>The article, section, author or live entry the event is about; not a foreign key, the thing may be gone.</summary>
    public int? SubjectId { get; set; }
    /// <summary>The JSON body, written once when the event is dispatched, so every attempt sends the same bytes.</summary>
    public string? Payload { get; set; }
    public DateTime? DispatchedAt { get; set; }
    /// <summary>A test event goes to this subscription only.</summary>
    public int? OnlySubscriptionId { get; set; }
}

public enum WebhookDeliveryState
{
    Pending,
    Delivered,
    /// <summary>Given up after the last attempt failed.</summary>
    Dead,
}

/// <summary>One event on its way to one subscription; claimed by one node at a time through <see cref="LeaseUntil"/>.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public long WebhookEventId { get; set; }
    public WebhookEvent Event { get; set; } = null!;
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public List<WebhookAttempt> AttemptLog { get; set; } = [];
}

/// <summary>The delivery log: one row per HTTP request made.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTime At { get; set; }
    public int? StatusCode { get; set; }
    public int DurationMs { get; set; }
    public string? Error { get; set; }
}

public static class WebhookEventTypes
{
    public const string ArticlePublished = "article.published";
    public const string ArticleUpdated = "article.updated";
    public const string ArticleUnpublished = "article.unpublished";
    public const string ArticleDeleted = "article.deleted";
    public const string SectionChanged = "section.changed";
    public const string AuthorChanged = "author.changed";
    public const string LiveEntryCreated = "live_entry.created";
    public const string LiveEntryUpdated = "live_entry.updated";
    public const string LiveEntryDeleted = "live_entry.deleted";
    /// <summary>Sent by the newsroom's "send test" button; nobody subscribes to it.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> Subscribable =
        [ArticlePublished, ArticleUpdated, ArticleUnpublished, ArticleDeleted, SectionChanged, AuthorChanged, LiveEntryCreated, LiveEntryUpdated, LiveEntryDeleted];

    public const int ErrorLimit = 1000;
}
