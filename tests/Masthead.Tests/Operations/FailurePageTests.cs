using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Operations;

/// <summary>
/// A request that fails for a reason nobody foresaw (here the database refuses a new section, by a trigger) answers a
/// 500 that names the request: the same id in X-Request-Id, on the HTML page (to quote to the editors) and in the
/// API's problem, so the one logged stack trace can be found. Its own app: the trigger would break other tests.
/// </summary>
public class FailurePageTests
{
    [Fact]
    public async Task AnUnforeseenFailure_Is500_NamingTheRequest_OnThePage_TheProblem_AndTheHeader()
    {
        var app = new MastheadAppFactory();
        try
        {
            await app.InitializeAsync();
            // The one logged stack trace per failed request is part of what is tested.
            app.ExpectLog("POST /newsroom/sections/new failed (request");
            app.ExpectLog("POST /api/admin/sections failed (request");
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
                ? """
                  CREATE FUNCTION refuse_sections() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'sections refused by the test'; END $$ LANGUAGE plpgsql;
                  CREATE TRIGGER refuse_sections BEFORE INSERT ON "Sections" FOR EACH ROW EXECUTE FUNCTION refuse_sections();
                  """
                : "CREATE TRIGGER refuse_sections BEFORE INSERT ON Sections BEGIN SELECT RAISE(ABORT, 'sections refused by the test'); END;"));

            var editor = await app.NewsroomAsAsync(Role.Editor);
            var page = await editor.SubmitAsync("/newsroom/sections/new", "#section-form", new() { ["Form.Name"] = "Refused Desk", ["Form.Parent"] = "news" });
            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
            var id = page.Headers.GetValues("X-Request-Id").Single();
            Assert.Matches("^[0-9a-f]{32}$", id);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Something went wrong", html);
            Assert.Contains($"<code>{id}</code>", html);
            Assert.DoesNotContain("sections refused by the test", html); // the cause goes to the log, not to the reader

            var api = await app.ClientAsAsync(Role.Editor);
            var problem = await api.PostAsync("/api/admin/sections", ApiJson.Body(new { name = "Refused Desk" }));
            Assert.Equal(HttpStatusCode.InternalServerError, problem.StatusCode);
            var body = JsonNode.Parse(await problem.Content.ReadAsStringAsync())!;
            Assert.Equal(problem.Headers.GetValues("X-Request-Id").Single(), body["requestId"]!.GetValue<string>());
            Assert.NotEqual(id, body["requestId"]!.GetValue<string>());
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
