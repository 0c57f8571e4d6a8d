using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Masthead.Data.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TrackingKey",
                table: "NewsletterSends",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClickedAt",
                table: "NewsletterRecipients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpenedAt",
                table: "NewsletterRecipients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NewsletterLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SendId = table.Column<int>(type: "integer", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
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
