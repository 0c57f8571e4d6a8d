using System.Net;
using System.Net.Http.Headers;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Security;

/// <summary>
/// Issue 12 #2: a password reset ends every session; the person's API tokens end with it only when they tick "Also
/// revoke my API tokens" on the reset page.
/// </summary>
public class PasswordResetTokenChoiceTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private async Task<(string Email, string Token)> EditorWithTokenAsync()
    {
        var email = await app.NewUserAsync(Role.Editor);
        await using var scope = app.Services.CreateAsyncScope();
        var token = (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(email, "a script", CancellationToken.None)).Value!;
        return (email, token);
    }

    private async Task<HttpResponseMessage> ResetAsync(string email, string password, bool revokeTokens)
    {
        string secret;
        await using (var scope = app.Services.CreateAsyncScope())
            secret = (await scope.ServiceProvider.GetRequiredService<AccountLinks>().CreatePasswordResetAsync(email, CancellationToken.None))!;
        var url = $"/newsroom/reset-password?token={Uri.EscapeDataString(secret)}";
        var page = await app.Visitor().GetPageAsync(url);
        var box = page.QuerySelector("form.nr-form input[type=checkbox][name=RevokeTokens]")!;
        Assert.False(box.HasAttribute("checked")); // never ticked for the person
        Assert.Equal("Also revoke my API tokens", page.QuerySelector($"label[for={box.Id}]").Text());
        var fields = new Dictionary<string, string> { ["Password"] = password };
        if (revokeTokens) fields["RevokeTokens"] = "true";
        return await app.Visitor().SubmitAsync(url, "form.nr-form", fields);
    }

    private async Task<HttpStatusCode> CallWithAsync(string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/admin/articles")).StatusCode;
    }

    [Fact]
    public async Task AResetWithoutTheBox_KeepsTheTokens_AndWithIt_RevokesThem()
    {
        var (email, token) = await EditorWithTokenAsync();
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(token));

        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(email, "a first new long password", revokeTokens: false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await CallWithAsync(token));

        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(email, "a second new long password", revokeTokens: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(token));
        Assert.Contains("and revoked their API tokens (1)", app.WithDb(db => db.AuditEvents
            .Where(e => e.Action == "reset their password").OrderByDescending(e => e.Id).Select(e => e.Detail).First()));
    }

    [Fact]
    public async Task ResetWithTheBox_EndsTheSessionsToo()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var email = app.WithDb(db => db.Users.OrderByDescending(u => u.Id).First().Email);
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/newsroom")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(email, "a third new long password", revokeTokens: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.Http.GetAsync("/newsroom")).StatusCode);
    }
}
