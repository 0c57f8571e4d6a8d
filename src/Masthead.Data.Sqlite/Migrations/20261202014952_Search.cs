using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyText",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
            migrationBuilder.Sql(MigrationScript.Read(typeof(Search).Assembly, "20261202014952_Search.Up.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MigrationScript.Read(typeof(Search).Assembly, "20261202014952_Search.Down.sql"));
            migrationBuilder.DropColumn(
                name: "BodyText",
                table: "Articles");
        }
    }
}
