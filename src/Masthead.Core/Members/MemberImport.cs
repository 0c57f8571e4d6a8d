using System.Text;
using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Members;

public sealed record MemberImportReport(int Added, int AlreadyMembers, IReadOnlyList<string> Problems);

/// <summary>
/// Adds members from a plain CSV of email,name (a header line is optional). Their consent is recorded as "imported":
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
        if (rows.Count > 0 && rows[0].Count > 0 && rows[0][0].Trim().Equals("email", StringComparison.OrdinalIgnoreCase)) rows.RemoveAt(0);
        if (rows.Count == 0) return Result<MemberImportReport>.Invalid("file", "The file has no rows. Each line should be an address and, if you like, a name: email,name.");
        if (rows.Count > MaxRows) return Result<MemberImportReport>.Invalid("file", $"The file has {rows.Count:N0} rows; import at most {MaxRows:N0} at a time.");
        var offered = await db.Newsletters.Where(n => n.ArchivedAt == null && newsletterIds.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct);

        var problems = new List<string>();
        var wanted = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.All(c => c.Trim().Length == 0)) continue;
            if (MemberAccounts.NormalizeEmail(row[0]) is not { } email)
            {
                problems.Add($"Line {i + 1}: “{Shorten(row[0])}” is not an email address.");
                continue;
            }
            wanted.TryAdd(email, MemberAccounts.CleanName(row.Count > 1 ? row[1] : null));
        }
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Keys.Chunk(500))
            existing.UnionWith(await db.Members.Where(m => m.Email != null && chunk.Contains(m.Email)).Select(m => m.Email!).ToListAsync(ct));

        var now = time.UtcNow();
        var added = new List<Member>();
        foreach (var (email, name) in wanted.Where(w => !existing.Contains(w.Key)))
        {
            var member = MemberAccounts.NewMember(email, name, "imported", now, MemberStatus.Active);
            foreach (var id in offered) member.Subscriptions.Add(new NewsletterSubscription { NewsletterId = id, SubscribedAt = now });
            added.Add(member);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in added.Chunk(1_000))
        {
            db.Members.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.MemberEvents.AddRange(chunk.Select(m => new MemberEvent { MemberId = m.Id, At = now, Kind = MemberEventKind.Imported, Detail = $"CSV, by {editor.Name}" }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        AuditTrail.Record(db, now, editor, "imported members", "member", null, detail: $"{added.Count} added, {existing.Count} already members, {problems.Count} lines skipped");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<MemberImportReport>.Ok(new MemberImportReport(added.Count, existing.Count, problems));
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
