using System.Text;
using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Members;

public sealed record MemberImportReport(int Added, int AlreadyMembers, IReadOnlyList<string> Problems);

/// <summary>
/// Adds members from a plain CSV of email,name (a header line is optional) or from Ghost's members export. Their consent is recorded as "imported":
/// the publication vouches that these people asked for its mail elsewhere, so they are active at once, with no
/// confirmation mail. Addresses already present are left as they are (their choices are theirs); bad lines are listed
/// by number and skipped, and nothing else is lost.
/// </summary>
public sealed class MemberImport(MastheadDbContext db, TimeProvider time)
{
    public const int MaxRows = 50_000;

    public async Task<Result<MemberImportReport>> ImportAsync(string csv, IReadOnlyCollection<int> newsletterIds, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanManageMembers(editor.Role)) return Result<MemberImportReport>.Forbidden("Only editors and admins import members.");
        var rows = Csv.Parse(csv);
        var columns = Columns.Read(rows);
        if (columns.FromHeader) rows.RemoveAt(0);
        if (rows.Count == 0) return Result<MemberImportReport>.Invalid("file", "The file has no rows. Each line should be an address and, if you like, a name: email,name.");
        if (rows.Count > MaxRows) return Result<MemberImportReport>.Invalid("file", $"The file has {rows.Count:N0} rows; import at most {MaxRows:N0} at a time.");
        var offered = await db.Newsletters.Where(n => n.ArchivedAt == null && newsletterIds.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct);

        var problems = new List<string>();
        var wanted = new Dictionary<string, Row>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.All(c => c.Trim().Length == 0)) continue;
            var typed = columns.Cell(row, columns.Email) ?? "";
            if (MemberAccounts.NormalizeEmail(typed) is not { } email)
            {
                problems.Add($"Line {i + 1}: “{Shorten(typed)}” is not an email address.");
                continue;
            }
            if (columns.Cell(row, columns.DeletedAt) is { Length: > 0 })
            {
                problems.Add($"Line {i + 1}: {email} was deleted in Ghost; not imported.");
                continue;
            }
            // Ghost's members may have turned newsletters off: they become members who receive none.
            var subscribed = columns.Cell(row, columns.Subscribed)?.Trim().ToLowerInvariant() is not ("false" or "0" or "no");
            var created = DateTime.TryParse(columns.Cell(row, columns.CreatedAt), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTime?)null;
            var labels = (columns.Cell(row, columns.Labels) ?? "").Split(',').Select(l => MemberLabels.Clean(l).Label).OfType<string>()
                .DistinctBy(l => l.ToLowerInvariant()).Take(MemberLabels.MaxPerMember).ToList();
            wanted.TryAdd(email, new Row(MemberAccounts.CleanName(columns.Cell(row, columns.Name)), subscribed, created, labels));
        }
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Keys.Chunk(500))
            existing.UnionWith(await db.Members.Where(m => m.Email != null && chunk.Contains(m.Email)).Select(m => m.Email!).ToListAsync(ct));

        var now = time.UtcNow();
        var added = new List<Member>();
        foreach (var (email, row) in wanted.Where(w => !existing.Contains(w.Key)))
        {
            var member = MemberAccounts.NewMember(email, row.Name, "imported", now, MemberStatus.Active);
            // When they joined, as the other system knew it (never in the future).
            if (row.CreatedAt is { } joined && joined < now) member.CreatedAt = joined;
            if (row.Subscribed)
                foreach (var id in offered) member.Subscriptions.Add(new NewsletterSubscription { NewsletterId = id, SubscribedAt = now });
            member.Labels.AddRange(row.Labels.Select(l => new MemberLabel { Name = l }));
            added.Add(member);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in added.Chunk(1_000))
        {
            db.Members.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.MemberEvents.AddRange(chunk.Select(m => new MemberEvent
            {
                MemberId = m.Id, At = now, Kind = MemberEventKind.Imported,
                Detail = $"{(columns.Ghost ? "Ghost CSV" : "CSV")}, by {editor.Name}{(m.Subscriptions.Count == 0 && offered.Count > 0 ? ", not subscribed to emails" : "")}",
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        AuditTrail.Record(db, now, editor, "imported members", "member", null, detail: $"{added.Count} added, {existing.Count} already members, {problems.Count} lines skipped");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<MemberImportReport>.Ok(new MemberImportReport(added.Count, existing.Count, problems));
    }

    private sealed record Row(string? Name, bool Subscribed, DateTime? CreatedAt, IReadOnlyList<string> Labels);

    /// <summary>
    /// Where each field is. A first line naming an "email" column is a header: Ghost's members export
    /// (id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers)
    /// is read by its column names, in any order; its labels come along, its notes, plans, Stripe ids and tiers do not.
    /// Without a header, the first column is the address and the second the name.
    /// </summary>
    private sealed record Columns(bool FromHeader, bool Ghost, int Email, int Name, int Subscribed, int CreatedAt, int DeletedAt, int Labels)
    {
        public static Columns Read(List<List<string>> rows)
        {
            var header = rows.Count > 0 ? rows[0].Select(c => c.Trim().ToLowerInvariant()).ToList() : [];
            if (!header.Contains("email")) return new(false, false, 0, 1, -1, -1, -1, -1);
            return new(true, header.Contains("subscribed_to_emails"), header.IndexOf("email"), header.IndexOf("name"),
                header.IndexOf("subscribed_to_emails"), header.IndexOf("created_at"), header.IndexOf("deleted_at"), header.IndexOf("labels"));
        }

        public string? Cell(List<string> row, int column) => column >= 0 && column < row.Count ? row[column] : null;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    /// <summary>RFC 4180: commas, quoted fields with "" for a quote, CRLF or LF line ends.</summary>
    internal static class Csv
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else cell.Append(c);
                    continue;
                }
                switch (c)
                {
                    case '"' when cell.Length == 0: quoted = true; break;
                    case ',': row.Add(cell.ToString()); cell.Clear(); break;
                    case '\r': break;
                    case '\n': row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; break;
                    case '\uFEFF' when i == 0: break;
                    default: cell.Append(c); break;
                }
            }
            if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
            return rows;
        }
    }
}
