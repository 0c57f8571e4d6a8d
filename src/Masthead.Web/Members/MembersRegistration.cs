using Masthead.Core.Members;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Masthead.Web.Members;

/// <summary>
/// Readers' accounts at /members: sign-up with double opt-in, sign-in by one-time link, the account page. Its own cookie
/// scheme, separate from the newsroom's: a member's cookie is never a way into the newsroom.
/// </summary>
public static class MembersRegistration
{
    public const string Scheme = "Member";
    public const string CookieName = "masthead_member";

    public static WebApplicationBuilder AddMembers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            // Lax, not Strict: the reader arrives from a link in their mail and must be signed in on that visit.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The whole site receives it, as members-only stories must know their reader. Public pages stay cacheable:
            // the page cache keeps requests with it apart, Varnish passes them, and only members-only stories read it.
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(30);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = MemberEndpoints.SignInPath;
        });
        services.AddScoped<MemberAccounts>();
        services.AddScoped<MemberSession>();
        services.AddSingleton<MemberLinkRequests>();
        services.AddHostedService(sp => sp.GetRequiredService<MemberLinkRequests>());
        services.AddScoped<Masthead.Core.Newsletters.NewsletterDesk>();
        services.AddScoped<Masthead.Core.Newsletters.DigestDesk>();
        services.AddScoped<MemberImport>();
        services.AddScoped<MailEvents>();
        services.AddScoped<Masthead.Core.Newsletters.MailTrackingSetting>();
        services.AddScoped<Masthead.Core.Newsletters.TrackingRecorder>();
        services.AddScoped<MemberLabels>();
        services.AddSingleton<Newsletters.NewsletterSender>();
        services.AddHostedService(sp => sp.GetRequiredService<Newsletters.NewsletterSender>());
        return builder;
    }
}
