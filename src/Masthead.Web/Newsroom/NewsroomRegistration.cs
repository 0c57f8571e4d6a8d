using Masthead.Core.Common;
using Masthead.Web.Newsroom.Media;
using Masthead.Web.Newsroom.Stories;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Masthead.Web.Newsroom;

/// <summary>
/// The newsroom at /newsroom: server-rendered Razor Pages behind a session cookie. Every page requires a
/// signed-in user except the account pages; every POST is checked for a CSRF token by Razor Pages itself,
/// and the JSON endpoints the editor script calls check the same token from the X-CSRF-TOKEN header.
/// </summary>
public static class NewsroomRegistration
{
    public const string Scheme = "Newsroom";
    public const string Policy = "Newsroom";
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static WebApplicationBuilder AddNewsroom(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(pages =>
        {
            // Pages live in feature folders under /Newsroom and declare their own /newsroom/… routes.
            pages.RootDirectory = "/";
            pages.Conventions.AuthorizeFolder("/Newsroom", Policy);
            pages.Conventions.AllowAnonymousToFolder("/Newsroom/Account");
        });
        services.AddAntiforgery(csrf =>
        {
            csrf.HeaderName = CsrfHeader;
            csrf.Cookie.Name = "masthead_csrf";
            csrf.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication()
            .AddCookie(Scheme, cookie =>
            {
                cookie.Cookie.Name = "masthead_session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request is HTTPS (always, behind a TLS-terminating proxy that sets X-Forwarded-Proto).
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.LoginPath = "/newsroom/sign-in";
                cookie.LogoutPath = "/newsroom/sign-out";
                cookie.AccessDeniedPath = "/newsroom/forbidden";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.Events = new SessionEvents();
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        services.AddScoped<SignInThrottle>();
        services.AddSingleton<AccountMailer>();
        services.AddSingleton<Account.PasswordResetRequests>();
        services.AddHostedService(sp => sp.GetRequiredService<Account.PasswordResetRequests>());
        services.AddSingleton<Notifications.ReviewNoticeSender>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.ReviewNoticeSender>());
        services.AddHttpContextAccessor();
        services.AddScoped<NewsroomSession>();
        services.AddScoped<Settings.SettingsPictures>();
        return builder;
    }

    public static WebApplication MapNewsroom(this WebApplication app)
    {
        NewsroomAssets.Initialize(app.Environment);
        app.MapRazorPages();
        app.MapStoryPreview();
        app.MapNewsroomUpload();
        return app;
    }
}
