using System.Net;
using System.Text.Json;
using Masthead.Core.Members;
using Masthead.Tests.Support;

namespace Masthead.Tests.Members;

/// <summary>The member's account page: name, newsletters, their data, deletion; and unsubscribing from an email.</summary>
public sealed class MemberAccountTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task New_members_get_the_default_newsletters_and_change_their_name_and_choices()
    {
        var daily = await app.NewsletterAsync($"Daily {Guid.NewGuid():N}", isDefault: true);
        var weekly = await app.NewsletterAsync($"Weekly {Guid.NewGuid():N}");
        var email = MembersAppFactory.NewAddress();
        var client = await app.NewMemberAsync(email);
        var page = await client.AccountAsync();
        Assert.NotNull(page.QuerySelector($"#newsletter-{daily.Id}[checked]"));
        Assert.Null(page.QuerySelector($"#newsletter-{weekly.Id}[checked]"));

        var saved = await client.SubmitAccountFormAsync("/members/account", ("name", "Ottoline Marsh"), ("newsletter", weekly.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await client.AccountAsync();
        Assert.Equal("Ottoline Marsh", page.QuerySelector("#member-name")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector($"#newsletter-{daily.Id}[checked]"));
        Assert.NotNull(page.QuerySelector($"#newsletter-{weekly.Id}[checked]"));
        var id = app.WithDb(db => db.Members.Single(m => m.Email == email).Id);
        var history = app.WithDb(db => db.MemberEvents.Where(e => e.MemberId == id).OrderBy(e => e.Id).Select(e => new { e.Kind, e.Detail }).ToList());
        Assert.Contains(history, e => e.Kind == MemberEventKind.Unsubscribed && e.Detail == daily.Name);
        Assert.Contains(history, e => e.Kind == MemberEventKind.Subscribed && e.Detail == weekly.Name);
        Assert.Contains(history, e => e.Kind == MemberEventKind.ChangedName);
    }

    [Fact]
    public async Task Account_forms_without_the_page_token_change_nothing()
    {
        var email = MembersAppFactory.NewAddress();
        var client = await app.NewMemberAsync(email);
        var forged = await client.PostFormAsync("/members/account", ("name", "Someone Else"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var delete = await client.PostFormAsync("/members/account/delete", ("confirm", "yes"));
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var member = app.WithDb(db => db.Members.Single(m => m.Email == email));
        Assert.Null(member.Name);
        Assert.Equal(MemberStatus.Active, member.Status);
    }

    [Fact]
    public async Task Download_my_data_is_a_json_file_with_what_is_kept()
    {
        var weekly = await app.NewsletterAsync($"Weekly {Guid.NewGuid():N}", isDefault: true);
        var email = MembersAppFactory.NewAddress();
        var client = await app.NewMemberAsync(email);
        var response = await client.GetAsync("/members/account/data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("my-membership.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(email, root.GetProperty("email").GetString());
        Assert.Equal("Active", root.GetProperty("status").GetString());
        Assert.Equal("sign-up form", root.GetProperty("consent").GetString());
        Assert.Contains(root.GetProperty("newsletters").EnumerateArray(), n => n.GetProperty("name").GetString() == weekly.Name);
        Assert.Equal(["SignedUp", "Confirmed"], root.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("what").GetString()!).ToArray());
        Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false }, response.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/members/account/data")).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_account_erases_personal_data_ends_the_session_and_keeps_a_count()
    {
        await app.NewsletterAsync($"Daily {Guid.NewGuid():N}", isDefault: true);
        var email = MembersAppFactory.NewAddress();
        var client = await app.NewMemberAsync(email);
        await client.SubmitAccountFormAsync("/members/account", ("name", "Ambrose Quill"));
        var id = app.WithDb(db => db.Members.Single(m => m.Email == email).Id);
        var deletedBefore = app.WithDb(db => db.Members.Count(m => m.Status == MemberStatus.Deleted));

        var unticked = await client.SubmitAccountFormAsync("/members/account/delete");
        Assert.Equal(HttpStatusCode.BadRequest, unticked.StatusCode);
        Assert.Contains("Tick the box", await unticked.Content.ReadAsStringAsync());
        Assert.Equal(MemberStatus.Active, app.WithDb(db => db.Members.Single(m => m.Id == id).Status));

        var deleted = await client.SubmitAccountFormAsync("/members/account/delete", ("confirm", "yes"));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var row = app.WithDb(db => db.Members.Single(m => m.Id == id));
        Assert.Null(row.Email);
        Assert.Null(row.Name);
        Assert.Equal(MemberStatus.Deleted, row.Status);
        Assert.Equal(deletedBefore + 1, app.WithDb(db => db.Members.Count(m => m.Status == MemberStatus.Deleted)));
        Assert.Empty(app.WithDb(db => db.NewsletterSubscriptions.Where(s => s.MemberId == id).ToList()));
        Assert.Equal([MemberEventKind.Deleted], app.WithDb(db => db.MemberEvents.Where(e => e.MemberId == id).Select(e => e.Kind).ToList()));
        Assert.Empty(app.WithDb(db => db.MemberTokens.Where(t => t.MemberId == id).ToList()));

        // The cookie the browser still holds opens nothing; the address may join again as someone new.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/members/account")).StatusCode);
        var again = app.Browser();
        await again.PostFormAsync("/members/sign-up", ("email", email));
        var confirmation = (await app.Smtp.WaitForAsync(email, 2))[1];
        Assert.StartsWith("Confirm your email", confirmation.Subject);
        Assert.Equal(HttpStatusCode.Redirect, (await again.FollowLinkAsync(MembersAppFactory.LinkIn(confirmation))).StatusCode);
        Assert.NotEqual(id, app.WithDb(db => db.Members.Single(m => m.Email == email).Id));
    }

    [Fact]
    public async Task One_click_unsubscribe_works_without_signing_in_from_a_mail_provider()
    {
        var weekly = await app.NewsletterAsync($"Weekly {Guid.NewGuid():N}", isDefault: true);
        var email = MembersAppFactory.NewAddress();
        await app.NewMemberAsync(email);
        var key = app.WithDb(db => db.Members.Single(m => m.Email == email).PublicKey);
        var url = $"/members/unsubscribe?m={Uri.EscapeDataString(key)}&n={weekly.Id}";

        // The provider's POST: cross-site, no cookie, no token, the RFC 8058 body.
        var provider = app.Reader();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await provider.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(app.WithDb(db => db.NewsletterSubscriptions.Any(s => s.NewsletterId == weekly.Id && db.Members.Any(m => m.Id == s.MemberId && m.Email == email))));
        // Again: the same answer, and one history line.
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync(url, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);
        Assert.Equal(1, app.WithDb(db => db.MemberEvents.Count(e => e.Kind == MemberEventKind.Unsubscribed && e.Detail == weekly.Name)));

        var wrong = await provider.PostAsync($"/members/unsubscribe?m=not-a-key&n={weekly.Id}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    [Fact]
    public async Task The_unsubscribe_link_in_a_mail_opens_a_page_and_only_its_button_unsubscribes()
    {
        var weekly = await app.NewsletterAsync($"Weekly {Guid.NewGuid():N}", isDefault: true);
        var email = MembersAppFactory.NewAddress();
        await app.NewMemberAsync(email);
        var key = app.WithDb(db => db.Members.Single(m => m.Email == email).PublicKey);
        var reader = app.Browser();
        var page = await reader.GetPageAsync($"/members/unsubscribe?m={Uri.EscapeDataString(key)}&n={weekly.Id}");
        Assert.Contains(weekly.Name, page.QuerySelector("h1").Text());
        Assert.Equal(1, app.WithDb(db => db.NewsletterSubscriptions.Count(s => s.NewsletterId == weekly.Id)));
        var done = await reader.FollowLinkAsync($"/members/unsubscribe?m={Uri.EscapeDataString(key)}&n={weekly.Id}");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("You are unsubscribed", await done.Content.ReadAsStringAsync());
        Assert.Equal(0, app.WithDb(db => db.NewsletterSubscriptions.Count(s => s.NewsletterId == weekly.Id)));
    }

    [Fact]
    public async Task A_new_address_takes_effect_only_when_its_link_is_followed()
    {
        var email = MembersAppFactory.NewAddress();
        var client = await app.NewMemberAsync(email);
        var next = MembersAppFactory.NewAddress();
        var asked = await client.SubmitAccountFormAsync("/members/account/email", ("email", next.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(email, app.WithDb(db => db.Members.Single(m => m.Email == email).Email));

        var mail = Assert.Single(await app.Smtp.WaitForAsync(next));
        Assert.StartsWith("Confirm your new email", mail.Subject);
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody!, @"https://quire\.example(/members/email/confirm\?token=[A-Za-z0-9%_-]+)").Groups[1].Value;
        Assert.NotEmpty(link);
        var changed = await client.FollowLinkAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/members/account?email=changed", changed.Headers.Location?.OriginalString);
        var member = app.WithDb(db => db.Members.Single(m => m.Email == next));
        Assert.False(app.WithDb(db => db.Members.Any(m => m.Email == email)));
        Assert.Contains(MemberEventKind.ChangedEmail, app.WithDb(db => db.MemberEvents.Where(e => e.MemberId == member.Id).Select(e => e.Kind).ToList()));
        Assert.Contains(next, (await client.AccountAsync()).QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Browser().FollowLinkAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Asking_for_an_address_another_member_uses_answers_the_same_and_changes_nothing()
    {
        var taken = MembersAppFactory.NewAddress();
        await app.NewMemberAsync(taken);
        var email = MembersAppFactory.NewAddress();
        var client = await app.NewMemberAsync(email);
        var asked = await client.SubmitAccountFormAsync("/members/account/email", ("email", taken));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/members/account?email=sent", asked.Headers.Location?.OriginalString);
        // Handled in order: once a later request's mail is in, this one was handled, and it sent nothing.
        var marker = MembersAppFactory.NewAddress();
        await app.Browser().PostFormAsync("/members/sign-up", ("email", marker));
        await app.Smtp.WaitForAsync(marker);
        Assert.Single(app.Smtp.MessagesTo(taken));
        Assert.True(app.WithDb(db => db.Members.Any(m => m.Email == email)));

        var bad = await client.SubmitAccountFormAsync("/members/account/email", ("email", "not an address"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await Html.ParseAsync(bad);
        Assert.Equal("not an address", page.QuerySelector("#member-new-email")?.GetAttribute("value"));
        Assert.Contains("Enter the new address", page.QuerySelector("#member-new-email-error").Text());
    }
}
