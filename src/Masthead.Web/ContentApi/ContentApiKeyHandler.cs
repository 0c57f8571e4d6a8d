using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Masthead.Core.ContentApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Masthead.Web.ContentApi;

/// <summary>Authenticates a Content API key sent as <c>X-Api-Key</c> or <c>?key=</c> against the hashed keys.</summary>
public sealed class ContentApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ContentApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "ContentApiKey";
    public const string Header = "X-Api-Key";
    public const string QueryParameter = "key";
    public const string KeyIdClaim = "masthead:content-key";
    private const string FailureKey = "masthead:content-key-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var fromHeader = Request.Headers[Header];
        var fromQuery = Request.Query[QueryParameter];
        if (fromHeader.Count == 0 && fromQuery.Count == 0) return AuthenticateResult.NoResult();
        if (fromHeader.Count + fromQuery.Count > 1) return Fail("Send the key once: in the X-Api-Key header or in ?key=, not both.");
        var secret = (fromHeader.Count > 0 ? fromHeader[0] : fromQuery[0])?.Trim() ?? "";
        if (secret.Length is 0 or > 200) return Fail("The Content API key is empty or malformed.");

        var id = await keys.FindAsync(secret, Context.RequestAborted);
        if (id is null) return Fail("The Content API key is not valid, or it has been revoked.");
        var identity = new ClaimsIdentity([new Claim(KeyIdClaim, id.Value.ToString(CultureInfo.InvariantCulture))], Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme));
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[FailureKey] = message;
        return AuthenticateResult.Fail(message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = Context.Items[FailureKey] as string
            ?? "The Content API needs a key: send \"X-Api-Key: <key>\" or add ?key=<key>. An admin creates keys in the newsroom or with `masthead content-key create`.";
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Results.Problem(title: "Authentication required", detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }
}
