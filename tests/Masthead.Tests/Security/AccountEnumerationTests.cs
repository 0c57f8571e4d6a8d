using System.Net;
using AngleSharp.Html.Parser;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Security;

/// <summary>
/// The app as seen from several client addresses: a test-only startup filter takes the address from a header, as the
/// forwarded-headers middleware would from a known proxy.
/// </summary>
public sealed class ClientAddressAppFactory : MastheadAppFactory
{
    public const string Header = "X-Test-Client-Address";
    protected override bool StartsFromFirstStartCopy => true; // a request filter changes nothing a first start writes

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers[Header] is [{ } address]) http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return following(http);
            });
            next(app);
        };
    }

    public NewsroomClient VisitorFrom(string address)
    {
        var client = Visitor();
        client.Http.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}

/// <summary>Finding 8: neither the lockout nor the reset form tells who has an account, and nobody can lock an editor out.</summary>
public class AccountEnumerationTests(ClientAddressAppFactory app) : IClassFixture<ClientAddressAppFactory>
{
    [Fact]
    public async Task TheLockout_ReadsTheSame_ForAnUnknownEmail_AsForARealOne()
    {
        var real = await app.NewUserAsync(Role.Author);
        var answers = new List<string>();
        foreach (var email in new[] { real, "nobody-here@quire.example" })
        {
            for (var i = 0; i < SignInService.MaxFailures; i++) await app.VisitorFrom("198.51.100.7").SignInAsync(email, "a wrong password");
            var response = await app.VisitorFrom("198.51.100.7").SignInAsync(email, "a wrong password");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(Message(await response.Content.ReadAsStringAsync()));
        }
        Assert.StartsWith("Too many failed attempts for this email", answers[0]);
        Assert.Equal(answers[0], answers[1]);
    }

    [Fact]
    public async Task Guessing_FromOneAddress_DoesNotLockTheEditorOut_ElsewhereOrForOthers()
    {
        var editor = await app.NewUserAsync(Role.Editor);
        for (var i = 0; i < SignInService.MaxFailures + 2; i++) await app.VisitorFrom("203.0.113.66").SignInAsync(editor, "guess " + i);
        var attacker = await app.VisitorFrom("203.0.113.66").SignInAsync(editor, MastheadAppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.OK, attacker.StatusCode); // even the right password waits, from there

        var atTheirDesk = await app.VisitorFrom("192.0.2.10").SignInAsync(editor, MastheadAppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, atTheirDesk.StatusCode);
        // The locked-out address may still sign in to another account.
        var colleague = await app.NewUserAsync(Role.Author);
        Assert.Equal(HttpStatusCode.Redirect, (await app.VisitorFrom("203.0.113.66").SignInAsync(colleague, MastheadAppFactory.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_AnswersAlike_AndOnlyARealAccountGetsALink()
    {
        app.ExpectLog("No SMTP server is configured, so this link was not emailed"); // the real account's link, logged for the operator
        var real = await app.NewUserAsync(Role.Author);
        var userId = app.WithDb(db => db.Users.Single(u => u.Email == real).Id);
        var tokensBefore = app.WithDb(db => db.AccountTokens.Count());
        var pages = new List<string>();
        foreach (var email in new[] { real, "nobody-else@quire.example" })
        {
            var response = await app.VisitorFrom("192.0.2.44").SubmitAsync("/newsroom/forgot-password", "form.nr-form", new() { ["Email"] = email });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(MainOf(await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(pages[0], pages[1]);

        // The link is made in the background: wait for it (patience, not a speed requirement).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!app.WithDb(db => db.AccountTokens.Any(t => t.UserId == userId)) && waited.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(50);
        Assert.True(app.WithDb(db => db.AccountTokens.Any(t => t.UserId == userId)));
        Assert.Equal(tokensBefore + 1, app.WithDb(db => db.AccountTokens.Count()));
    }

    [Fact]
    public async Task ANulCharacterInTheEmail_IsRefused_NotA500()
    {
        foreach (var path in new[] { "sign-in", "forgot-password" })
        {
            var fields = path == "sign-in" ? new Dictionary<string, string> { ["Email"] = "nul\0@quire.example", ["Password"] = "whatever it is" }
                : new Dictionary<string, string> { ["Email"] = "nul\0@quire.example" };
            var response = await app.VisitorFrom("192.0.2.77").SubmitAsync($"/newsroom/{path}", "form.nr-form", fields);
            // PostgreSQL cannot even compare text holding NUL; the form is answered (refused), never with a server error.
            Assert.True((int)response.StatusCode is >= 200 and < 500, $"{path}: {(int)response.StatusCode}");
        }
    }

    private static string Message(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector("[role=alert], .nr-error, .nr-message")?.TextContent.Trim() ?? "";

    // The page's main content, without the anti-forgery token that differs between any two answers.
    private static string MainOf(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var token in document.QuerySelectorAll("input[name=__RequestVerificationToken]")) token.Remove();
        return document.QuerySelector("main")?.InnerHtml ?? html;
    }
}
