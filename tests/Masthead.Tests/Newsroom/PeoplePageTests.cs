using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Newsroom;

/// <summary>The app with the account mailer's output kept: without an SMTP server it writes each link to the log.</summary>
public sealed class MailCapturingApp : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // a first start sends no mail

    public ConcurrentQueue<string> Mail { get; } = new();

    // Without a mail server the app logs each link instead of sending it: that log is the mail these tests read.
    public MailCapturingApp() => ExpectLog("No SMTP server is configured, so this link was not emailed");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Mail)));
    }

    private sealed class Capture(ConcurrentQueue<string> mail) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(category == typeof(Masthead.Web.Newsroom.AccountMailer).FullName ? mail : null);
        public void Dispose() { }
    }

    private sealed class Logger(ConcurrentQueue<string>? mail) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => mail is not null;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format) => mail?.Enqueue(format(state, e));
    }
}

/// <summary>/newsroom/people: roles, deactivation (never deletion), invitations; the last active admin stays.</summary>
public class PeoplePageTests(MailCapturingApp app) : IClassFixture<MailCapturingApp>
{
    [Fact]
    public async Task Admin_InvitesSomeone_WhoJoinsThroughTheLinkShownAndMailed()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin, "Ada Admin");
        var invited = await admin.SubmitAsync("/newsroom/people", "#invite-form", new() { ["InviteEmail"] = "Robin@Example.org", ["InviteRole"] = "Editor" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var page = await Html.ParseAsync(invited);
        var link = page.QuerySelector("#invitation-link")!.GetAttribute("value")!;
        Assert.StartsWith("https://quire.example/newsroom/invitation?token=", link);
        Assert.Contains(app.Mail, m => m.Contains("robin@example.org") && m.Contains(link));
        Assert.Contains("robin@example.org", page.QuerySelector("#invitations")!.ParentElement.Text());
        // No mail server here (the "mail" is the log line): the page says so rather than claiming it was sent.
        Assert.StartsWith("The invitation for robin@example.org as an editor was not emailed", page.QuerySelector("[role=status]")!.Text().Trim());
        // The form is fresh for the next person: no address, and the role back to the least one.
        Assert.Equal("", page.QuerySelector("#f-invite-email")!.GetAttribute("value") ?? "");
        Assert.Equal("Contributor", page.QuerySelector("#f-invite-role option[selected]")!.GetAttribute("value"));

        var visitor = app.Visitor();
        var path = new Uri(link).PathAndQuery;
        var joined = await visitor.SubmitAsync(path, "form.nr-form", new() { ["DisplayName"] = "Robin Invited", ["Password"] = "a long enough password" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(Role.Editor, app.WithDb(db => db.Users.Single(u => u.Email == "robin@example.org").Role));
        var after = await admin.GetPageAsync("/newsroom/people");
        Assert.DoesNotContain("robin@example.org", after.QuerySelector("#invitations")!.ParentElement.Text());
        Assert.Contains(app.WithDb(db => db.AuditEvents.Where(e => e.UserName == "Ada Admin").Select(e => e.Action).ToList()), a => a == "invited");
    }

    [Fact]
    public async Task Admin_ChangesARole_DeactivatesAndReactivates_AndDeactivationEndsSessionsAndTokens()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var editor = await app.NewsroomAsAsync(Role.Editor, "Eli Editor");
        var (eliId, eliEmail) = app.NewestUser();
        var token = await app.UseAsync<AccountService, string>(async a => (await a.CreateTokenAsync(eliEmail, "eli's script", CancellationToken.None)).Value!);
        var api = app.Reader();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/articles")).StatusCode);

        var people = await admin.GetPageAsync("/newsroom/people");
        var row = people.QuerySelector($"#person-{eliId}")!;
        Assert.Contains("Eli Editor", row.Text());
        Assert.DoesNotContain("Never", row.QuerySelectorAll("td")[2].Text()); // they have signed in (after Role and Writes as)

        var demoted = await admin.PostFormAsync(row.QuerySelector("form[action*='handler=Role']")!, "/newsroom/people", new() { ["role"] = "Author" });
        Assert.Equal($"/newsroom/people?done=role#person-{eliId}", demoted.Headers.Location!.OriginalString);
        Assert.Equal(Role.Author, app.WithDb(db => db.Users.Single(u => u.Id == eliId).Role));
        // Their open session picks the new role up on the next request.
        Assert.StartsWith("/newsroom/forbidden", (await editor.Http.GetAsync("/newsroom/sections")).Headers.Location!.PathAndQuery);

        people = await admin.GetPageAsync("/newsroom/people");
        var deactivated = await admin.PostFormAsync(people.QuerySelector($"#person-{eliId} form[action*='handler=Deactivate']")!, "/newsroom/people", []);
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.NotNull(app.WithDb(db => db.Users.Single(u => u.Id == eliId).DeactivatedAt));
        Assert.StartsWith("/newsroom/sign-in", (await editor.Http.GetAsync("/newsroom")).Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/admin/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Visitor().SignInAsync(eliEmail, MastheadAppFactory.TestPassword)).StatusCode); // refused: the form again
        // Never deleted: the account and what it did are still there, under their name.
        Assert.True(app.WithDb(db => db.AuditEvents.Any(e => e.UserId == eliId && e.UserName == "Eli Editor")));
        Assert.Contains("Deactivated", (await admin.GetPageAsync("/newsroom/people")).QuerySelector($"#person-{eliId}").Text());

        people = await admin.GetPageAsync("/newsroom/people");
        await admin.PostFormAsync(people.QuerySelector($"#person-{eliId} form[action*='handler=Reactivate']")!, "/newsroom/people", []);
        Assert.Null(app.WithDb(db => db.Users.Single(u => u.Id == eliId).DeactivatedAt));
        Assert.Equal(HttpStatusCode.Redirect, (await app.Visitor().SignInAsync(eliEmail, MastheadAppFactory.TestPassword)).StatusCode);
        // Deactivation revoked the token for good: reactivating does not bring it back (a new one must be made).
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/admin/articles")).StatusCode);
    }

    [Fact]
    public async Task BadEmail_AndBadRole_AreRefusedWithAClearMessage_AndChangeNothing()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        await app.NewUserAsync(Role.Contributor, "Cass Contributor");
        var (cassId, _) = app.NewestUser();
        var before = await DbFingerprint.TakeAsync(app.Services);

        var badEmail = await admin.SubmitAsync("/newsroom/people", "#invite-form", new() { ["InviteEmail"] = "not-an-email", ["InviteRole"] = "Author" });
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        var page = await Html.ParseAsync(badEmail);
        Assert.Contains("valid email address", page.QuerySelector("#err-email").Text());
        Assert.Equal("true", page.QuerySelector("#f-invite-email")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#invitation-link"));

        var existing = await admin.SubmitAsync("/newsroom/people", "#invite-form", new() { ["InviteEmail"] = AccountService.FirstAdminEmail, ["InviteRole"] = "Author" });
        Assert.Contains("already has an account", (await Html.ParseAsync(existing)).QuerySelector("#error-summary").Text());

        var people = await admin.GetPageAsync("/newsroom/people");
        var badRole = await admin.PostFormAsync(people.QuerySelector($"#person-{cassId} form[action*='handler=Role']")!, "/newsroom/people", new() { ["role"] = "Owner" });
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Contains("Choose contributor, author, editor or admin", (await Html.ParseAsync(badRole)).QuerySelector("#error-summary").Text());

        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task TheLastActiveAdmin_CanNeitherBeDemotedNorDeactivated()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin, "Last Admin");
        var (me, _) = app.NewestUser();
        // Every other admin is deactivated for this test, and back afterwards.
        var others = app.WithDb(db => db.Users.Where(u => u.Role == Role.Admin && u.Id != me && u.DeactivatedAt == null).Select(u => u.Id).ToList());
        await app.WithDbAsync(async db => { foreach (var u in db.Users.Where(u => others.Contains(u.Id))) u.DeactivatedAt = DateTime.UtcNow; await db.SaveChangesAsync(); });
        try
        {
            var before = await DbFingerprint.TakeAsync(app.Services);
            var people = await admin.GetPageAsync("/newsroom/people");
            var demote = await admin.PostFormAsync(people.QuerySelector($"#person-{me} form[action*='handler=Role']")!, "/newsroom/people", new() { ["role"] = "Editor" });
            Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
            Assert.Contains("You are the only active admin", (await Html.ParseAsync(demote)).QuerySelector("#error-summary").Text());
            var deactivate = await admin.PostFormAsync(people.QuerySelector($"#person-{me} form[action*='handler=Deactivate']")!, "/newsroom/people", []);
            Assert.Equal(HttpStatusCode.BadRequest, deactivate.StatusCode);
            Assert.Contains("make someone else an admin first", await deactivate.Content.ReadAsStringAsync());
            Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));

            // With a second active admin, stepping down is fine.
            var second = await app.NewsroomAsAsync(Role.Admin);
            people = await admin.GetPageAsync("/newsroom/people");
            var stepDown = await admin.PostFormAsync(people.QuerySelector($"#person-{me} form[action*='handler=Role']")!, "/newsroom/people", new() { ["role"] = "Editor" });
            Assert.Equal(HttpStatusCode.Redirect, stepDown.StatusCode);
            Assert.Equal(Role.Editor, app.WithDb(db => db.Users.Single(u => u.Id == me).Role));
        }
        finally
        {
            await app.WithDbAsync(async db => { foreach (var u in db.Users.Where(u => others.Contains(u.Id))) u.DeactivatedAt = null; await db.SaveChangesAsync(); });
        }
    }

    [Fact]
    public async Task InvitingAnAddressAgain_ReplacesItsOpenInvitation()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var first = await Html.ParseAsync(await admin.SubmitAsync("/newsroom/people", "#invite-form", new() { ["InviteEmail"] = "twice@example.org", ["InviteRole"] = "Admin" }));
        var firstLink = new Uri(first.QuerySelector("#invitation-link")!.GetAttribute("value")!).PathAndQuery;
        var second = await Html.ParseAsync(await admin.SubmitAsync("/newsroom/people", "#invite-form", new() { ["InviteEmail"] = "twice@example.org", ["InviteRole"] = "Author" }));
        Assert.Contains("The earlier invitation's link no longer works.", second.QuerySelector("[role=status]")!.Text());
        Assert.Single(second.QuerySelectorAll("[id^=invitation-]"), li => li.Text().Contains("twice@example.org"));
        Assert.Contains("not valid any more", (await app.Visitor().GetPageAsync(firstLink)).QuerySelector("[role=alert]").Text());

        var secondLink = new Uri(second.QuerySelector("#invitation-link")!.GetAttribute("value")!).PathAndQuery;
        var joined = await app.Visitor().SubmitAsync(secondLink, "form.nr-form", new() { ["DisplayName"] = "Twice Invited", ["Password"] = "a long enough password" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(Role.Author, app.WithDb(db => db.Users.Single(u => u.Email == "twice@example.org").Role));
    }

    [Fact]
    public async Task Admin_WithdrawsAnInvitation_AndItsLinkStopsWorking()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var invited = await Html.ParseAsync(await admin.SubmitAsync("/newsroom/people", "#invite-form", new() { ["InviteEmail"] = "withdrawn@example.org", ["InviteRole"] = "Author" }));
        var link = new Uri(invited.QuerySelector("#invitation-link")!.GetAttribute("value")!).PathAndQuery;
        var item = invited.QuerySelectorAll("[id^=invitation-]").Single(li => li.Text().Contains("withdrawn@example.org"));
        var revoked = await admin.PostFormAsync(item.QuerySelector("form")!, "/newsroom/people", []);
        Assert.Equal("/newsroom/people?done=revoked#invitations", revoked.Headers.Location!.OriginalString);
        var visitor = app.Visitor();
        var page = await visitor.GetPageAsync(link);
        Assert.Contains("not valid any more", page.QuerySelector("[role=alert]").Text());
        Assert.Null(page.QuerySelector("form.nr-form"));
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var response = await visitor.PostWithTokenAsync(link, new() { ["Token"] = token, ["DisplayName"] = "Too Late", ["Password"] = "a long enough password" }, tokenFrom: link);
        Assert.Contains("not valid any more", await response.Content.ReadAsStringAsync());
        Assert.False(app.WithDb(db => db.Users.Any(u => u.Email == "withdrawn@example.org")));
    }

    [Theory]
    [InlineData(Role.Author)]
    [InlineData(Role.Editor)]
    public async Task NonAdmins_AreRefused_AndAHandMadeFormChangesNothing(Role role)
    {
        var someone = await app.NewsroomAsAsync(role);
        var (myId, _) = app.NewestUser();
        Assert.StartsWith("/newsroom/forbidden", (await someone.Http.GetAsync("/newsroom/people")).Headers.Location!.PathAndQuery);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var promote = await someone.PostWithTokenAsync("/newsroom/people?handler=Role", new() { ["id"] = myId.ToString(), ["role"] = "Admin" });
        Assert.StartsWith("/newsroom/forbidden", promote.Headers.Location!.PathAndQuery);
        var invite = await someone.PostWithTokenAsync("/newsroom/people?handler=Invite", new() { ["InviteEmail"] = "friend@example.org", ["InviteRole"] = "Admin" });
        Assert.StartsWith("/newsroom/forbidden", invite.Headers.Location!.PathAndQuery);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }
}
