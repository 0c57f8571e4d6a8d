using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MemberEmailChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NewEmail",
                table: "MemberTokens",
                type: "TEXT",
                maxLength: 320,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NewEmail",
                table: "MemberTokens");
        }
    }
}
