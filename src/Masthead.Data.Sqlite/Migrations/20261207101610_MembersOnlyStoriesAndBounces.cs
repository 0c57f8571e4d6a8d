using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MembersOnlyStoriesAndBounces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EmailStoppedAt",
                table: "Members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailStoppedReason",
                table: "Members",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            // Every story written before this was public (set by hand: EF Core would give an empty string).
            migrationBuilder.AddColumn<string>(
                name: "Access",
                table: "Articles",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Public");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailStoppedAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "EmailStoppedReason",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "Access",
                table: "Articles");
        }
    }
}
