using System.Reflection;
using System.Text.RegularExpressions;
using Masthead.Tests.Support;
using Masthead.Web.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Tests.Data;

/// <summary>
/// The public site's hand-written SQL (the article page's and the listing pages' reads, and the card columns they share)
/// names tables and columns as EF Core maps them; a renamed property must fail here, not on a reader's page.
/// </summary>
public partial class HandWrittenSqlTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    // Names the statements give their own results, not the schema's.
    private static readonly HashSet<string> Aliases = ["Names", "Rank", "Rank0", "Rank1", "Tree", "Root"];

    [GeneratedRegex("\"([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex QuotedName();

    [Fact]
    public void EveryTableAndColumnThePublicSitesHandWrittenSqlNames_ExistsInTheModel()
    {
        var schema = new HashSet<string>(StringComparer.Ordinal);
        app.WithDb(db =>
        {
            foreach (var entity in db.Model.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table) continue;
                schema.Add(table);
                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                foreach (var property in entity.GetProperties())
                    if (property.GetColumnName(store) is { } column) schema.Add(column);
            }
            return 0;
        });

        var statements = PublicSiteStatements();
        Assert.Contains(statements, s => s.Name == "ArticlePageReads.BySlugSql");
        Assert.Contains(statements, s => s.Name == "ListingReads.ListSql[InSection]");
        Assert.Contains(statements, s => s.Name == "ListingReads.PinsSql");

        var named = statements.SelectMany(s => QuotedName().Matches(s.Sql).Select(m => (s.Name, Identifier: m.Groups[1].Value))).ToList();
        Assert.Contains(named, x => x.Identifier == "HeroImage_Credit"); // the owned picture's columns are checked too
        var unknown = named
            .Where(x => !schema.Contains(x.Identifier) && !Aliases.Contains(x.Identifier))
            .Select(x => $"{x.Name}: \"{x.Identifier}\"").Distinct().ToList();
        Assert.True(unknown.Count == 0, "Names in the hand-written SQL that the EF model does not have:\n" + string.Join("\n", unknown));
    }

    /// <summary>Every statement the public site's prepared reads run, by the field that holds it (Type.Field or Type.Field[kind]).</summary>
    public static List<(string Name, string Sql)> PublicSiteStatements()
    {
        Type[] readers = [typeof(ArticlePageReads), typeof(ListingReads), typeof(ArticlePageReads).Assembly.GetType("Masthead.Web.PublicSite.StoryCardRows")!];
        return readers.SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .SelectMany(f => (f.IsLiteral ? f.GetRawConstantValue() : f.GetValue(null)) switch
                {
                    string sql => [(Name: $"{type.Name}.{f.Name}", Sql: sql)],
                    // Statements kept by kind (ListingReads' lists and counts, one per filter).
                    System.Collections.IDictionary byKind => byKind.Keys.Cast<object>().Select(k => (Name: $"{type.Name}.{f.Name}[{k}]", Sql: (string)byKind[k]!)),
                    _ => [],
                }))
            .Where(s => s.Sql.Contains("SELECT", StringComparison.Ordinal) || s.Sql.Contains("FROM", StringComparison.Ordinal) || s.Sql.Contains('"'))
            .ToList();
    }
}
