using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchFilterColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Sections, authors, tags and publication date beside each story's document, so filters are indexed conditions there.
            migrationBuilder.Sql(MigrationScript.Read(typeof(SearchFilterColumns).Assembly, "20261207195002_SearchFilterColumns.Up.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MigrationScript.Read(typeof(SearchFilterColumns).Assembly, "20261207195002_SearchFilterColumns.Down.sql"));
        }
    }
}
