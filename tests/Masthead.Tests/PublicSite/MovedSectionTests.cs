using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>
/// A section renamed or moved keeps its old address alive: the section, each sub-section that moved with it and every
/// story under them answer a permanent redirect to where they are now, so bookmarks, links and search engines follow.
/// Its own app: the move changes the demo's sections.
/// </summary>
public class MovedSectionTests
{
    [Fact]
    public async Task AMovedSection_AndWhatIsUnderIt_AnswerPermanentRedirects_ToTheirNewAddresses()
    {
        var app = new MastheadAppFactory();
        try
        {
            await app.InitializeAsync();
            var culture = app.WithDb(db => db.Sections.Single(s => s.Path == "culture"));
            var story = app.WithDb(db => db.Articles.Where(a => a.Status == Core.Articles.ArticleStatus.Published && a.PrimarySection.Path == "culture/film-tv")
                .Select(a => a.Slug).First());
            var reader = app.Reader();
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/culture/film-tv")).StatusCode);

            var editor = await app.ClientAsAsync(Role.Editor);
            (await editor.PatchJsonAsync($"/api/admin/sections/{culture.Id}", new { slug = "arts" }, null)).EnsureSuccessStatusCode();

            foreach (var (old, now) in new[] { ("/culture", "/arts"), ("/culture/film-tv", "/arts/film-tv"), ($"/culture/film-tv/{story}", $"/arts/film-tv/{story}") })
            {
                var response = await reader.GetAsync(old);
                Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {(int)response.StatusCode}");
                Assert.Equal(now, response.Headers.Location?.OriginalString);
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(now)).StatusCode);
            }

            // Moved again: the first old address follows it to the newest one.
            (await editor.PatchJsonAsync($"/api/admin/sections/{culture.Id}", new { slug = "culture-and-arts" }, null)).EnsureSuccessStatusCode();
            Assert.Equal("/culture-and-arts/film-tv", (await reader.GetAsync("/culture/film-tv")).Headers.Location?.OriginalString);
            Assert.Equal("/culture-and-arts", (await reader.GetAsync("/arts")).Headers.Location?.OriginalString);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
