using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Masthead.Data.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ArticleIds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    SectionIds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AuthorIds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    TagIds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Everything = table.Column<bool>(type: "boolean", nullable: false),
                    PurgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PurgeClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PurgeAttempts = table.Column<int>(type: "integer", nullable: false),
                    PurgeRounds = table.Column<int>(type: "integer", nullable: false),
                    PurgeNextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WindowStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
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
            // Every node LISTENs on this channel; NOTIFY is delivered when the inserting transaction commits.
            migrationBuilder.Sql("""
                CREATE FUNCTION masthead_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('masthead_content_changes', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "ContentChanges_notify" AFTER INSERT ON "ContentChanges"
                    FOR EACH STATEMENT EXECUTE FUNCTION masthead_content_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "ContentChanges_notify" ON "ContentChanges";
                DROP FUNCTION IF EXISTS masthead_content_changed();
                """);
            migrationBuilder.DropTable(
                name: "ContentChanges");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "RateLimitCounters");
        }
    }
}
