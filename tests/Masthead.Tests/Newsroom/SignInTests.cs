using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

public class SignInTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task Newsroom_RequiresSignIn_AndSignInLeadsToTheDashboard()
    {
        var visitor = app.Visitor();
        var denied = await visitor.Http.GetAsync("/newsroom");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/newsroom/sign-in", denied.Headers.Location!.PathAndQuery);

        var email = await app.NewUserAsync(Role.Editor, "Dana Editor");
        var signedIn = await visitor.SignInAsync(email, MastheadAppFactory.TestPassword);
        Assert.Equal("/newsroom", signedIn.Headers.Location!.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masthead_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var dashboard = await visitor.GetPageAsync("/newsroom");
        Assert.Contains("Dana Editor", dashboard.QuerySelector("h1").Text());
        Assert.Equal("noindex, nofollow", dashboard.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task PostWithoutCsrfToken_IsRefused()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var forged = await editor.Http.PostAsync("/newsroom/sign-out", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/newsroom")).StatusCode); // still signed in
    }

    [Fact]
    public async Task WrongPasswords_LockThatEmailFromThatAddress_AndTheRightOneThenWaits()
    {
        var email = await app.NewUserAsync(Role.Author);
        for (var i = 0; i < SignInService.MaxFailures; i++)
        {
            var client = app.Visitor(); // a fresh client each time, as an attacker rotating sessions would
            var failed = await client.SignInAsync(email, "not the password at all");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        var locked = await app.Visitor().SignInAsync(email, MastheadAppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("Too many failed attempts for this email", await locked.Content.ReadAsStringAsync());

        app.Clock.Advance(SignInService.LockoutDuration + TimeSpan.FromMinutes(1));
        var later = await app.Visitor().SignInAsync(email, MastheadAppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task PasswordReset_LinkWorksOnce_AndEndsOldSessions()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var email = app.WithDb(db => db.Users.OrderByDescending(u => u.Id).First().Email);
        string secret;
        await using (var scope = app.Services.CreateAsyncScope())
            secret = (await scope.ServiceProvider.GetRequiredService<AccountLinks>().CreatePasswordResetAsync(email, CancellationToken.None))!;

        var visitor = app.Visitor();
        var url = $"/newsroom/reset-password?token={Uri.EscapeDataString(secret)}";
        var tooShort = await visitor.SubmitAsync(url, "form.nr-form", new() { ["Password"] = "short" });
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync());
        var reset = await visitor.SubmitAsync(url, "form.nr-form", new() { ["Password"] = "a brand new long password" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var again = await visitor.SubmitAsync(url, "form.nr-form", new() { ["Password"] = "yet another long password" });
        Assert.Contains("not valid any more", await again.Content.ReadAsStringAsync());

        // The session signed in with the old password has ended.
        Assert.Equal(HttpStatusCode.Redirect, (await editor.Http.GetAsync("/newsroom")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Visitor().SignInAsync(email, "a brand new long password")).StatusCode);
    }
}

public sealed class ThrottledAppFactory : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // sign-in limits change nothing a first start writes

    protected override int SignInAttemptsPerMinute => 3;
}

public class SignInThrottleTests(ThrottledAppFactory app) : IClassFixture<ThrottledAppFactory>
{
    [Fact]
    public async Task ManyAttemptsFromOneAddress_AreSlowedDown_WhateverTheAccount()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await app.Visitor().SignInAsync($"nobody{i}@test.example", "wrong password here")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
