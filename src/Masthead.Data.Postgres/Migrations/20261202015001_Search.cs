using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Postgres.Migrations
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
                type: "text",
                nullable: false,
                defaultValue: "");
            migrationBuilder.Sql(Masthead.Core.Search.SearchSchema.PostgresUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Masthead.Core.Search.SearchSchema.PostgresDown);
            migrationBuilder.DropColumn(
                name: "BodyText",
                table: "Articles");
        }
    }
}
