using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Members;
using Masthead.Tests.Members;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsletters;

/// <summary>The newsroom's Newsletters page (admins) and Members page (editors and admins).</summary>
public sealed class NewsroomNewsletterAndMemberPagesTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task An_admin_adds_a_newsletter_fed_by_a_section_and_bad_input_keeps_what_was_typed()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var name = $"Culture Weekly {Guid.NewGuid():N}"[..40];
        var bad = await admin.SubmitAsync("/newsroom/newsletters", "#newsletter-form",
            new() { ["Name"] = name, ["SenderEmail"] = "not an address", ["ReplyTo"] = "two@a.example, three@b.example" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await Html.ParseAsync(bad);
        Assert.Equal(name, page.QuerySelector("#f-name")?.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#f-sender-email")?.GetAttribute("aria-invalid"));
        Assert.Contains("reply-to", page.QuerySelector("#err-replyTo").Text());
        Assert.False(app.WithDb(db => db.Newsletters.Any(n => n.Name == name)));

        var section = app.WithDb(db => db.Sections.First());
        var good = await admin.SubmitAsync("/newsroom/newsletters", "#newsletter-form", new()
        {
            ["Name"] = name, ["Description"] = "Films, books and the stage.", ["SenderEmail"] = "Culture@Quire.example",
            ["ReplyTo"] = "letters@quire.example", ["DefaultForNewMembers"] = "true", ["SectionIds"] = section.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = app.WithDb(db => db.Newsletters.Where(n => n.Name == name).Select(n => new { n.SenderEmail, n.SenderName, n.ReplyTo, n.DefaultForNewMembers, Sections = n.Sections.Select(s => s.SectionId).ToList() }).Single());
        Assert.Equal("culture@quire.example", saved.SenderEmail);
        Assert.Equal(name, saved.SenderName);
        Assert.Equal("letters@quire.example", saved.ReplyTo);
        Assert.True(saved.DefaultForNewMembers);
        Assert.Equal([section.Id], saved.Sections);

        var duplicate = await admin.SubmitAsync("/newsroom/newsletters", "#newsletter-form", new() { ["Name"] = name, ["SenderEmail"] = "a@quire.example" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already a newsletter", await duplicate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Editors_find_members_by_address_status_and_newsletter()
    {
        var weekly = await app.NewsletterAsync($"Weekly {Guid.NewGuid():N}", isDefault: true);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var active = $"heron-{tag}@test.example";
        await app.NewMemberAsync(active);
        var pending = $"egret-{tag}@test.example";
        await app.Browser().PostFormAsync("/members/sign-up", ("email", pending));
        await app.Smtp.WaitForAsync(pending);
        var editor = await app.NewsroomAsAsync(Role.Editor);

        var all = await editor.GetPageAsync($"/newsroom/members?q={tag}");
        Assert.Equal(2, all.QuerySelectorAll("tbody tr").Length);
        var onlyPending = await editor.GetPageAsync($"/newsroom/members?q={tag}&status=Pending");
        Assert.Equal([pending], onlyPending.QuerySelectorAll("tbody tr td:first-child").Select(td => td.Text()).ToArray());
        // Pending members chose the default too, but only the active one counts as receiving it.
        var byNewsletter = await editor.GetPageAsync($"/newsroom/members?q={tag}&newsletter={weekly.Id}&status=Active");
        Assert.Equal([active], byNewsletter.QuerySelectorAll("tbody tr td:first-child").Select(td => td.Text()).ToArray());

        var bad = await editor.Http.GetAsync("/newsroom/members?status=Deleted");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var id = app.WithDb(db => db.Members.Single(m => m.Email == active).Id);
        var detail = await editor.GetPageAsync($"/newsroom/members/{id}");
        Assert.Contains("Confirmed their address", detail.QuerySelector(".nr-history").Text());
        Assert.Contains(weekly.Name, detail.QuerySelector(".nr-facts").Text());
    }

    [Fact]
    public async Task The_csv_export_lists_what_the_filters_select_with_formulas_defused()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"plover-{tag}@test.example";
        var client = await app.NewMemberAsync(email);
        await client.SubmitAccountFormAsync("/members/account", ("name", "=HYPERLINK(\"https://evil.example\",\"x\")"));
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var response = await admin.Http.GetAsync($"/newsroom/members?handler=export&q={tag}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,name,status,created_at,consent,newsletters", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith($"{email},\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",Active,", row);

        var contributor = await app.NewsroomAsAsync(Role.Contributor);
        var refused = await contributor.Http.GetAsync($"/newsroom/members?handler=export&q={tag}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/newsroom/forbidden", refused.Headers.Location?.PathAndQuery ?? refused.Headers.Location?.OriginalString);
    }
}
