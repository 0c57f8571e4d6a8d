using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CreditKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Credit",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            // Credits saved before kinds keep the type structured data always gave them: a credit linked to an author page
            // is a person, an unlinked name an organisation. Editors correct the ones that name people.
            migrationBuilder.Sql("""UPDATE "Credit" SET "Kind" = CASE WHEN "AuthorId" IS NULL THEN 'Organization' ELSE 'Person' END""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Credit");
        }
    }
}
