using System.Security.Claims;
using System.Text.Encodings.Web;
using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.AdminApi;

/// <summary>Authenticates <c>Authorization: Bearer mh_…</c> against the hashed API tokens.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MastheadDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "Bearer";
    public const string AuthorSlugClaim = "masthead:author";
    private const string FailureKey = "masthead:auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Fail("The Authorization header must use the Bearer scheme: \"Authorization: Bearer <token>\".");
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 200) return Fail("The bearer token is empty or malformed.");

        var hash = AccountService.HashToken(secret);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.User.DeactivatedAt == null)
            .Select(t => new { t.UserId, t.User.Role, t.User.Email, t.User.AuthorId, t.User.DisplayName })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null) return Fail("The bearer token is not valid, or it has been revoked.");
        var authorSlug = found.AuthorId is { } authorId
            ? await db.Authors.AsNoTracking().Where(a => a.Id == authorId).Select(a => a.Slug).FirstOrDefaultAsync(Context.RequestAborted)
            : null;

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, found.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, found.Email),
            new(ClaimTypes.Name, found.DisplayName),
            new(ClaimTypes.Role, found.Role.ToString()),
        };
        if (authorSlug is not null) claims.Add(new Claim(AuthorSlugClaim, authorSlug));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme));
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[FailureKey] = message;
        return AuthenticateResult.Fail(message);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = Context.Items[FailureKey] as string ?? "This endpoint needs an API token: send \"Authorization: Bearer <token>\". Create one with `masthead token create`.";
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(title: "Authentication required", detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(title: "Forbidden", detail: "Your role does not allow this action.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
}

public static class ClaimsPrincipalExtensions
{
    public static Editor ToEditor(this ClaimsPrincipal user) => new(
        int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture),
        Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!),
        user.FindFirstValue(BearerTokenHandler.AuthorSlugClaim),
        user.FindFirstValue(ClaimTypes.Name) ?? "");
}
