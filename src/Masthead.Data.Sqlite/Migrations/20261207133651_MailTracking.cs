using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MailTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MailTracking",
                table: "Publication",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TrackingKey",
                table: "NewsletterSends",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClickedAt",
                table: "NewsletterRecipients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpenedAt",
                table: "NewsletterRecipients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NewsletterLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SendId = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsletterLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewsletterLinks_NewsletterSends_SendId",
                        column: x => x.SendId,
                        principalTable: "NewsletterSends",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterLinks_SendId_Url",
                table: "NewsletterLinks",
                columns: new[] { "SendId", "Url" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NewsletterLinks");

            migrationBuilder.DropColumn(
                name: "MailTracking",
                table: "Publication");

            migrationBuilder.DropColumn(
                name: "TrackingKey",
                table: "NewsletterSends");

            migrationBuilder.DropColumn(
                name: "ClickedAt",
                table: "NewsletterRecipients");

            migrationBuilder.DropColumn(
                name: "OpenedAt",
                table: "NewsletterRecipients");
        }
    }
}
