using Masthead.Core.Accounts;
using Masthead.Core.Data;

namespace Masthead.Core.Activity;

/// <summary>
/// Adds an audit event to the unit of work in progress, so the event and the change it describes are
/// saved by the same SaveChanges: one never exists without the other.
/// </summary>
public static class AuditTrail
{
    public const int DetailLimit = 4000;

    public static void Record(MastheadDbContext db, DateTime at, Editor actor, string action, string entityType, int? entityId,
        int? articleId = null, string? detail = null)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = at,
            UserId = actor.UserId > 0 ? actor.UserId : null,
            UserName = actor.UserId > 0 ? actor.Name : "Masthead",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            ArticleId = articleId,
            Detail = detail is { Length: > DetailLimit } ? detail[..DetailLimit] : detail,
        });
    }
}
