using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ThemeSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccentColor",
                table: "Publication",
                type: "character varying(7)",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccentTextColor",
                table: "Publication",
                type: "character varying(7)",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BackgroundColor",
                table: "Publication",
                type: "character varying(7)",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefaultSocialImageUrl",
                table: "Publication",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FontPair",
                table: "Publication",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "classic");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccentColor",
                table: "Publication");

            migrationBuilder.DropColumn(
                name: "AccentTextColor",
                table: "Publication");

            migrationBuilder.DropColumn(
                name: "BackgroundColor",
                table: "Publication");

            migrationBuilder.DropColumn(
                name: "DefaultSocialImageUrl",
                table: "Publication");

            migrationBuilder.DropColumn(
                name: "FontPair",
                table: "Publication");
        }
    }
}
