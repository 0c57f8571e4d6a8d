using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchDateFacets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search facets gain each story's year and month of publication (and the trigger now follows that date):
            // the triggers are created afresh and the index rebuilt.
            migrationBuilder.Sql(MigrationScript.Read(typeof(SearchDateFacets).Assembly, "20261202045003_SearchDateFacets.Up.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extra facet words are harmless to the previous version's searches; nothing to undo.
        }
    }
}
