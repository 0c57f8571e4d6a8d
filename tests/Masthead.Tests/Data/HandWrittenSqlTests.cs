using System.Reflection;
using System.Text.RegularExpressions;
using Masthead.Tests.Support;
using Masthead.Web.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Tests.Data;

/// <summary>
/// The article page's hand-written SQL names tables and columns as EF Core maps them; a renamed property must fail
/// here, not on a reader's page.
/// </summary>
public partial class HandWrittenSqlTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    // Names the statements give their own results, not the schema's.
    private static readonly HashSet<string> Aliases = ["Names", "Rank", "Rank0", "Rank1"];

    [GeneratedRegex("\"([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex QuotedName();

    [Fact]
    public void EveryTableAndColumnTheArticlePageNames_ExistsInTheModel()
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

        var statements = typeof(ArticlePageReads).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string))
            .Select(f => (f.Name, Sql: (string)(f.IsLiteral ? f.GetRawConstantValue()! : f.GetValue(null)!)))
            .Where(s => s.Sql.Contains("SELECT", StringComparison.Ordinal) || s.Sql.Contains("FROM", StringComparison.Ordinal) || s.Sql.Contains('"'))
            .ToList();
        Assert.Contains(statements, s => s.Name == "BySlugSql");

        var named = statements.SelectMany(s => QuotedName().Matches(s.Sql).Select(m => (s.Name, Identifier: m.Groups[1].Value))).ToList();
        Assert.Contains(named, x => x.Identifier == "HeroImage_Credit"); // the owned picture's columns are checked too
        var unknown = named
            .Where(x => !schema.Contains(x.Identifier) && !Aliases.Contains(x.Identifier))
            .Select(x => $"{x.Name}: \"{x.Identifier}\"").Distinct().ToList();
        Assert.True(unknown.Count == 0, "Names in ArticlePageReads that the EF model does not have:\n" + string.Join("\n", unknown));
    }
}
