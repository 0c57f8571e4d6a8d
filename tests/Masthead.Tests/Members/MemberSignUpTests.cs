using System.Net;
using System.Text.Json;
using Masthead.Core.Members;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Members;

/// <summary>Sign-up with double opt-in and sign-in by one-time link, through a real mail server.</summary>
public sealed class MemberSignUpTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Signing_up_mails_a_confirmation_link_that_makes_a_member_and_signs_them_in_once()
    {
        var email = MembersAppFactory.NewAddress();
        var client = app.Browser();
        var answer = await client.PostFormAsync("/members/sign-up", ("email", email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Check your inbox", await answer.Content.ReadAsStringAsync());

        var mail = Assert.Single(await app.Smtp.WaitForAsync(email));
        Assert.StartsWith("Confirm your email for", mail.Subject);
        Assert.NotNull(mail.HtmlBody);
        var link = MembersAppFactory.LinkIn(mail);
        Assert.Contains(link.Replace("&", "&amp;"), mail.HtmlBody!.Replace("https://quire.example", ""));
        Assert.Equal(MemberStatus.Pending, app.WithDb(db => db.Members.Single(m => m.Email == email).Status));

        // Opening the link (as a mail scanner would) changes nothing; the button does.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        Assert.Equal(MemberStatus.Pending, app.WithDb(db => db.Members.Single(m => m.Email == email).Status));
        var confirmed = await client.FollowLinkAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/members/account?welcome=1", confirmed.Headers.Location?.OriginalString);
        var cookie = confirmed.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masthead_member=", StringComparison.Ordinal));
        // The whole site: members-only stories read it (the page cache and Varnish keep its requests apart).
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var account = await client.AccountAsync();
        Assert.Contains(email, account.QuerySelector("main")!.TextContent);
        Assert.Contains("Welcome", (await client.GetStringAsync("/members/account?welcome=1")));
        var member = app.WithDb(db => db.Members.Single(m => m.Email == email));
        Assert.Equal(MemberStatus.Active, member.Status);
        Assert.Equal("sign-up form", member.ConsentSource);
        var kinds = app.WithDb(db => db.MemberEvents.Where(e => e.MemberId == member.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToList());
        Assert.Equal([MemberEventKind.SignedUp, MemberEventKind.Confirmed], kinds);

        // The same link a second time: used up.
        var again = await app.Browser().FollowLinkAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task The_sign_up_answer_is_the_same_for_a_member_a_pending_address_and_a_new_one()
    {
        var member = MembersAppFactory.NewAddress();
        await app.NewMemberAsync(member);
        var pending = MembersAppFactory.NewAddress();
        await app.Browser().PostFormAsync("/members/sign-up", ("email", pending));
        await app.Smtp.WaitForAsync(pending);
        var fresh = MembersAppFactory.NewAddress();

        var answers = new List<string>();
        foreach (var email in new[] { member, pending, fresh })
        {
            var response = await app.Browser().PostFormAsync("/members/sign-up", ("email", email));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((await response.Content.ReadAsStringAsync()).Replace(email, "ADDRESS"));
        }
        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[2]);

        // What each one receives differs: the member a sign-in link, the others a confirmation.
        Assert.StartsWith("Your sign-in link", (await app.Smtp.WaitForAsync(member, 2))[1].Subject);
        Assert.StartsWith("Confirm your email", (await app.Smtp.WaitForAsync(pending, 2))[1].Subject);
        Assert.StartsWith("Confirm your email", Assert.Single(await app.Smtp.WaitForAsync(fresh)).Subject);
        Assert.Equal(1, app.WithDb(db => db.Members.Count(m => m.Email == member)));
    }

    [Fact]
    public async Task A_sign_in_link_works_once_and_not_after_thirty_minutes()
    {
        var email = MembersAppFactory.NewAddress();
        await app.NewMemberAsync(email);
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/members/sign-in", ("email", email))).StatusCode);
        var link = MembersAppFactory.LinkIn((await app.Smtp.WaitForAsync(email, 2))[1]);
        Assert.Contains("/members/sign-in/link?token=", link);
        var signedIn = await client.FollowLinkAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/members/account")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Browser().FollowLinkAsync(link)).StatusCode);

        await app.Browser().PostFormAsync("/members/sign-in", ("email", email));
        var late = MembersAppFactory.LinkIn((await app.Smtp.WaitForAsync(email, 3))[2]);
        app.Clock.Advance(MemberLimits.SignInLifetime + TimeSpan.FromSeconds(1));
        var expired = await app.Browser().FollowLinkAsync(late);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("does not work any more", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_session_the_account_page_sends_readers_to_sign_in_and_a_member_cookie_opens_no_newsroom_page()
    {
        var anonymous = await app.Browser().GetAsync("/members/account");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/members/sign-in", anonymous.Headers.Location?.OriginalString);

        var client = await app.NewMemberAsync(MembersAppFactory.NewAddress());
        var newsroom = await client.GetAsync("/newsroom");
        Assert.Equal(HttpStatusCode.Redirect, newsroom.StatusCode);
        Assert.StartsWith("/newsroom/sign-in", newsroom.Headers.Location?.PathAndQuery ?? newsroom.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/articles")).StatusCode);
    }

    [Fact]
    public async Task Bad_addresses_get_a_message_and_keep_what_was_typed()
    {
        var response = await app.Browser().PostFormAsync("/members/sign-up", ("email", "not an address"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("not an address", page.QuerySelector("#member-email")?.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#member-email")?.GetAttribute("aria-invalid"));
        Assert.Contains("Enter an email address", page.QuerySelector("#member-email-error").Text());
    }

    [Fact]
    public async Task A_sign_up_posted_from_another_site_is_refused_and_nothing_is_sent()
    {
        var email = MembersAppFactory.NewAddress();
        var forged = new HttpRequestMessage(HttpMethod.Post, "/members/sign-up")
        {
            Content = new FormUrlEncodedContent([new("email", email)]),
        };
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        forged.Headers.Add("Origin", "https://elsewhere.example");
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(forged)).StatusCode);

        var fromOrigin = new HttpRequestMessage(HttpMethod.Post, "/members/sign-up") { Content = new FormUrlEncodedContent([new("email", email)]) };
        fromOrigin.Headers.Add("Origin", "https://elsewhere.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(fromOrigin)).StatusCode);

        var ours = new HttpRequestMessage(HttpMethod.Post, "/members/sign-up") { Content = new FormUrlEncodedContent([new("email", email)]) };
        ours.Headers.Add("Sec-Fetch-Site", "same-origin");
        ours.Headers.Add("Origin", "https://quire.example");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ours)).StatusCode);
        // Exactly one mail: the refused requests queued nothing.
        Assert.Single(await app.Smtp.WaitForAsync(email));
        Assert.Equal(1, app.WithDb(db => db.MemberTokens.Count(t => db.Members.Any(m => m.Id == t.MemberId && m.Email == email))));
    }

    [Fact]
    public async Task Links_to_one_address_are_limited_per_hour_with_the_same_answer_past_the_limit()
    {
        var email = MembersAppFactory.NewAddress();
        var answers = new HashSet<HttpStatusCode>();
        for (var i = 0; i < MembersAppFactory.PerAddressPerHour + 2; i++)
            answers.Add((await app.Browser().PostFormAsync("/members/sign-up", ("email", email))).StatusCode);
        Assert.Equal([HttpStatusCode.OK], answers);
        // Requests are handled in order by one queue: once a later address's mail is in, every earlier request was handled.
        var marker = MembersAppFactory.NewAddress();
        await app.Browser().PostFormAsync("/members/sign-up", ("email", marker));
        await app.Smtp.WaitForAsync(marker);
        Assert.Equal(MembersAppFactory.PerAddressPerHour, app.Smtp.MessagesTo(email).Count);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Browser().PostFormAsync("/members/sign-up", ("email", email));
        await app.Smtp.WaitForAsync(email, MembersAppFactory.PerAddressPerHour + 1);
    }

    [Fact]
    public async Task Requests_from_one_client_are_limited_per_minute_across_addresses()
    {
        var client = app.Browser("198.51.100.99");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < MembersAppFactory.PerClientPerMinute + 1; i++)
            statuses.Add((await client.PostFormAsync("/members/sign-in", ("email", MembersAppFactory.NewAddress()))).StatusCode);
        Assert.All(statuses.Take(MembersAppFactory.PerClientPerMinute), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // Another client is not held back, and the count is in the database, where every node reads it.
        Assert.Equal(HttpStatusCode.OK, (await app.Browser("198.51.100.100").PostFormAsync("/members/sign-in", ("email", MembersAppFactory.NewAddress()))).StatusCode);
        Assert.True(app.WithDb(db => db.RateLimitCounters.Any(c => c.Key == "member-client:198.51.100.99" && c.Count > MembersAppFactory.PerClientPerMinute)));
    }

    [Fact]
    public async Task Member_pages_are_never_cached_and_public_pages_carry_the_sign_up_form_without_a_cookie()
    {
        foreach (var path in new[] { "/members/sign-up", "/members/sign-in", "/members/account" })
        {
            var cacheControl = (await app.Browser().GetAsync(path)).Headers.CacheControl;
            Assert.True(cacheControl is { NoStore: true, NoCache: true, Public: false, MaxAge: null }, $"{path}: {cacheControl}");
        }
        var home = await app.Reader().GetAsync("/");
        Assert.False(home.Headers.Contains("Set-Cookie"));
        var page = await Html.ParseAsync(home);
        var form = page.QuerySelector("footer form[action='/members/sign-up']");
        Assert.NotNull(form);
        Assert.Equal("post", form!.GetAttribute("method"));
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task An_article_offers_sign_up_after_its_body()
    {
        var url = app.WithDb(db => db.Articles.Where(a => a.Status == Masthead.Core.Articles.ArticleStatus.Published)
            .Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).First());
        var page = await app.Reader().GetPageAsync(url);
        var box = page.QuerySelector("article .article__body ~ .signup-box form[action='/members/sign-up']");
        Assert.NotNull(box);
        Assert.Equal(2, page.QuerySelectorAll("form[action='/members/sign-up']").Length);
    }
}
