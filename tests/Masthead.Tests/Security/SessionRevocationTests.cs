using System.Net;
using System.Net.Http.Headers;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Masthead.Tests.Security;

/// <summary>Sessions live on the server: a copied cookie dies with sign-out, and deactivation ends sessions and tokens for good.</summary>
public class SessionRevocationTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    /// <summary>A second browser holding a copy of <paramref name="from"/>'s session cookie.</summary>
    private NewsroomClient CopyOf(NewsroomClient from, HttpResponseMessage signIn)
    {
        var copy = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masthead_session", StringComparison.Ordinal)).Split(';')[0];
        copy.Http.DefaultRequestHeaders.Add("Cookie", cookie);
        return copy;
    }

    [Fact]
    public async Task ACopiedSessionCookie_StopsWorking_WhenItsSessionSignsOut()
    {
        var email = await app.NewUserAsync(Role.Editor);
        var browser = app.Visitor();
        var signIn = await browser.SignInAsync(email, MastheadAppFactory.TestPassword);
        var copy = CopyOf(browser, signIn);
        Assert.Equal(HttpStatusCode.OK, (await copy.Http.GetAsync("/newsroom")).StatusCode);

        var signOut = await browser.SubmitAsync("/newsroom", "form[action='/newsroom/sign-out']", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var after = await copy.Http.GetAsync("/newsroom");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/newsroom/sign-in", after.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task Deactivation_EndsSessionsAndTokensForGood_ReactivationBringsNeitherBack()
    {
        var email = await app.NewUserAsync(Role.Author);
        var browser = app.Visitor();
        var copy = CopyOf(browser, await browser.SignInAsync(email, MastheadAppFactory.TestPassword));
        var token = await app.UseAsync<AccountService, string>(async a => (await a.CreateTokenAsync(email, "tests", CancellationToken.None)).Value!);
        var api = app.Reader();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/articles")).StatusCode);

        var id = app.WithDb(db => db.Users.Single(u => u.Email == email).Id);
        await app.UseAsync<UserAdministration, User>(async a => (await a.DeactivateAsync(id, Editor.System, CancellationToken.None)).Value!);
        await app.UseAsync<UserAdministration, User>(async a => (await a.ReactivateAsync(id, Editor.System, CancellationToken.None)).Value!);

        Assert.Equal(HttpStatusCode.Redirect, (await copy.Http.GetAsync("/newsroom")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/admin/articles")).StatusCode);
        // The person can sign in again, with a new session.
        Assert.Equal(HttpStatusCode.Redirect, (await app.Visitor().SignInAsync(email, MastheadAppFactory.TestPassword)).StatusCode);
    }
}
