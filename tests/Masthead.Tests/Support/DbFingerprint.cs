using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Support;

/// <summary>
/// A hash of every row of every table the model maps (found from the model, so a table added later is
/// covered too): equal before and after a request means the request changed nothing in the database.
/// </summary>
public static class DbFingerprint
{
    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };
    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
    private static readonly MethodInfo NoTracking = typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTracking))!;

    /// <summary>Running nodes' heartbeats: written every few seconds by design, and not the publication's data.</summary>
    private static readonly Type[] AlwaysLeftOut = [typeof(Masthead.Core.Changes.ClusterNode)];

    /// <param name="leaveOut">Tables written by design in between (a change log), left out of the hash.</param>
    public static async Task<string> TakeAsync(IServiceProvider services, params Type[] leaveOut)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        var text = new StringBuilder();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(Dictionary<string, object>) && !leaveOut.Contains(e.ClrType) && !AlwaysLeftOut.Contains(e.ClrType)).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var set = SetMethod.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            var query = (IQueryable<object>)NoTracking.MakeGenericMethod(entity.ClrType).Invoke(null, [set])!;
            var rows = query.AsEnumerable().Select(r => JsonSerializer.Serialize(r, entity.ClrType, Json)).Order(StringComparer.Ordinal).ToList();
            text.Append(entity.Name).Append(':').Append(rows.Count).Append('\n');
            foreach (var row in rows) text.Append(row).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
