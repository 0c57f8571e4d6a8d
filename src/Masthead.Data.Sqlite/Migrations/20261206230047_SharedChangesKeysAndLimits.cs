using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SharedChangesKeysAndLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ArticleIds = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SectionIds = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    AuthorIds = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    TagIds = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Everything = table.Column<bool>(type: "INTEGER", nullable: false),
                    PurgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PurgeClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PurgeAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    PurgeRounds = table.Column<int>(type: "INTEGER", nullable: false),
                    PurgeNextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WindowStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitCounters", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentChanges_At",
                table: "ContentChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ContentChanges_PurgedAt",
                table: "ContentChanges",
                column: "PurgedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentChanges");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "RateLimitCounters");
        }
    }
}
