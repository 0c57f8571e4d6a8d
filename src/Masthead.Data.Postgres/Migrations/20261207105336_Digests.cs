using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Masthead.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Digests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "ArticleId",
                table: "NewsletterSends",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "DigestId",
                table: "NewsletterSends",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Digests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NewsletterId = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Intro = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    SendAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Digests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Digests_Newsletters_NewsletterId",
                        column: x => x.NewsletterId,
                        principalTable: "Newsletters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DigestStory",
                columns: table => new
                {
                    DigestId = table.Column<int>(type: "integer", nullable: false),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestStory", x => new { x.DigestId, x.ArticleId });
                    table.ForeignKey(
                        name: "FK_DigestStory_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DigestStory_Digests_DigestId",
                        column: x => x.DigestId,
                        principalTable: "Digests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSends_DigestId",
                table: "NewsletterSends",
                column: "DigestId");

            migrationBuilder.CreateIndex(
                name: "IX_Digests_NewsletterId",
                table: "Digests",
                column: "NewsletterId");

            migrationBuilder.CreateIndex(
                name: "IX_DigestStory_ArticleId",
                table: "DigestStory",
                column: "ArticleId");

            migrationBuilder.AddForeignKey(
                name: "FK_NewsletterSends_Digests_DigestId",
                table: "NewsletterSends",
                column: "DigestId",
                principalTable: "Digests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_NewsletterSends_Digests_DigestId",
                table: "NewsletterSends");

            migrationBuilder.DropTable(
                name: "DigestStory");

            migrationBuilder.DropTable(
                name: "Digests");

            migrationBuilder.DropIndex(
                name: "IX_NewsletterSends_DigestId",
                table: "NewsletterSends");

            migrationBuilder.DropColumn(
                name: "DigestId",
                table: "NewsletterSends");

            migrationBuilder.AlterColumn<int>(
                name: "ArticleId",
                table: "NewsletterSends",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
