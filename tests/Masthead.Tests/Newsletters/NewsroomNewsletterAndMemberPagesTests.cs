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
        Assert.Equal("email,name,status,created_at,consent,newsletters,labels", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith($"{email},\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",Active,", row);

        var contributor = await app.NewsroomAsAsync(Role.Contributor);
        var refused = await contributor.Http.GetAsync($"/newsroom/members?handler=export&q={tag}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/newsroom/forbidden", refused.Headers.Location?.PathAndQuery ?? refused.Headers.Location?.OriginalString);
    }
}

/// <summary>Importing members from a plain email,name CSV in the newsroom.</summary>
public sealed class MemberImportTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    private static MultipartFormDataContent Form(string token, string csv, bool consent, params int[] newsletters)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (consent) form.Add(new StringContent("true"), "Consent");
        foreach (var id in newsletters) form.Add(new StringContent(id.ToString()), "NewsletterIds");
        form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "File", "members.csv");
        return form;
    }

    [Fact]
    public async Task A_csv_adds_active_members_with_consent_recorded_as_imported_and_lists_bad_lines()
    {
        var weekly = await app.NewsletterAsync($"Weekly {Guid.NewGuid():N}");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var existing = $"kestrel-{tag}@test.example";
        await app.NewMemberAsync(existing);
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var token = await editor.CsrfTokenAsync("/newsroom/members/import");
        var csv = $"email,name\r\nLapwing-{tag}@Test.example,\"Marsh, Ottoline\"\r\nnot-an-address,Nobody\r\n{existing},Someone Else\r\n\r\ncurlew-{tag}@test.example\r\n";

        var response = await editor.Http.PostAsync("/newsroom/members/import", Form(token, csv, consent: true, weekly.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("2 members added; 1 already a member; 1 line skipped.", page.QuerySelector("[role=status]").Text());
        Assert.Contains("Line 2: “not-an-address” is not an email address.", page.QuerySelector("#skipped-title + ul").Text());

        var lapwing = app.WithDb(db => db.Members.Single(m => m.Email == $"lapwing-{tag}@test.example"));
        Assert.Equal(("Marsh, Ottoline", MemberStatus.Active, "imported"), (lapwing.Name, lapwing.Status, lapwing.ConsentSource));
        Assert.True(app.WithDb(db => db.NewsletterSubscriptions.Any(s => s.MemberId == lapwing.Id && s.NewsletterId == weekly.Id)));
        Assert.Equal([MemberEventKind.Imported], app.WithDb(db => db.MemberEvents.Where(e => e.MemberId == lapwing.Id).Select(e => e.Kind).ToList()));
        Assert.Null(app.WithDb(db => db.Members.Single(m => m.Email == existing).Name));
        // No confirmation mail goes to imported members.
        Assert.Empty(app.Smtp.MessagesTo($"lapwing-{tag}@test.example"));
    }

    [Fact]
    public async Task Without_the_consent_box_or_a_file_nothing_is_imported()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var token = await editor.CsrfTokenAsync("/newsroom/members/import");
        var address = $"snipe-{Guid.NewGuid():N}@test.example";
        var noConsent = await editor.Http.PostAsync("/newsroom/members/import", Form(token, address + "\n", consent: false));
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.Contains("agreed to receive", (await Html.ParseAsync(noConsent)).QuerySelector("#err-consent").Text());
        var empty = await editor.Http.PostAsync("/newsroom/members/import", Form(token, "email,name\n", consent: true));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.False(app.WithDb(db => db.Members.Any(m => m.Email == address)));
    }
}
