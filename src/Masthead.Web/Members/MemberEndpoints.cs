using System.Globalization;
using System.Text.Json;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Members;
using Masthead.Web.Hosting;
using Masthead.Web.Mail;
using Masthead.Web.Members.Pages;
using Masthead.Web.Newsroom;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Members;

/// <summary>
/// The member pages. None is ever cached (no-store, outside the page cache; Varnish passes /members). Forms on these
/// pages carry anti-forgery tokens; the sign-up and sign-in forms, which also sit in cached public pages, are checked by
/// origin instead (<see cref="SameOriginPost"/>).
/// </summary>
public static class MemberEndpoints
{
    public const string SignUpPath = "/members/sign-up";
    public const string SignInPath = "/members/sign-in";
    public const string AccountPath = "/members/account";

    public static WebApplication MapMembers(this WebApplication app)
    {
        var members = app.MapGroup("/members").ExcludeFromDescription().DisableAntiforgery();
        members.AddEndpointFilter(async (context, next) =>
        {
            // no-cache as well: these pages carry forms, and antiforgery rewrites (and warns about) any other value.
            context.HttpContext.Response.Headers.CacheControl = "no-cache, no-store";
            return await next(context);
        });
        members.MapGet("/sign-up", (SiteContext site, MailSender mail) => FormAsync(site, mail, signUp: true, null, null));
        members.MapPost("/sign-up", (HttpContext http, SiteContext site, MailSender mail) => RequestLinkAsync(http, site, mail, signUp: true));
        members.MapGet("/sign-in", (HttpContext http, SiteContext site, MailSender mail) => FormAsync(site, mail, signUp: false, null, null));
        members.MapPost("/sign-in", (HttpContext http, SiteContext site, MailSender mail) => RequestLinkAsync(http, site, mail, signUp: false));
        members.MapGet("/confirm", (string? token, SiteContext site) => LinkPageAsync(site, token, "/members/confirm",
            "Confirm your email", "One more step: confirm that this address is yours and you are a member.", "Confirm my email"));
        members.MapPost("/confirm", (HttpContext http, SiteContext site, MemberAccounts accounts) => FollowLinkAsync(http, site, confirm: true, accounts));
        members.MapGet("/sign-in/link", (string? token, SiteContext site) => LinkPageAsync(site, token, "/members/sign-in/link",
            "Sign in", "Sign in to your account on this device.", "Sign in"));
        members.MapPost("/sign-in/link", (HttpContext http, SiteContext site, MemberAccounts accounts) => FollowLinkAsync(http, site, confirm: false, accounts));
        members.MapGet("/email/confirm", (string? token, SiteContext site) => LinkPageAsync(site, token, "/members/email/confirm",
            "Confirm your new email", "Use this address for your membership from now on.", "Use this address"));
        members.MapPost("/email/confirm", ConfirmEmailChangeAsync);
        members.MapPost("/account/email", ChangeEmailAsync);
        members.MapGet("/account", AccountAsync);
        members.MapPost("/account", SaveAccountAsync);
        members.MapGet("/account/data", DownloadAsync);
        members.MapPost("/account/delete", DeleteAsync);
        members.MapPost("/sign-out", SignOutAsync);
        members.MapGet("/unsubscribe", UnsubscribePageAsync);
        members.MapPost("/unsubscribe", UnsubscribeAsync);
        return app;
    }

    private static async Task<IResult> FormAsync(SiteContext site, MailSender mail, bool signUp, string? email, string? error, int status = 200) =>
        Page<MemberFormPage>(new
        {
            Site = await site.GetAsync(),
            Title = signUp ? "Become a member" : "Sign in",
            Intro = signUp
                ? "Membership is free. Give your email address and we will send a link to confirm it; then choose the newsletters you want."
                : "Members sign in with a link we email to them: no password to remember.",
            Action = signUp ? SignUpPath : SignInPath,
            Button = signUp ? "Send me a confirmation link" : "Email me a sign-in link",
            Other = signUp ? $"Already a member? <a href=\"{SignInPath}\">Sign in</a>." : $"Not a member yet? <a href=\"{SignUpPath}\">Sign up</a>.",
            Email = email,
            Error = error,
            MailConfigured = mail.CanSend,
        }, status);

    private static async Task<IResult> RequestLinkAsync(HttpContext http, SiteContext site, MailSender mail, bool signUp)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<MastheadOptions>>().Value;
        if (!SameOriginPost.IsAllowed(http, options.BaseUrl)) return await RefusedAsync(site);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var typed = form["email"].ToString();
        var limits = http.RequestServices.GetRequiredService<SharedRateLimits>();
        if (!await limits.TryAcquireAsync("member-client:" + SignInThrottle.ClientOf(http), options.Members.RequestsPerClientPerMinute,
                TimeSpan.FromMinutes(1), http.RequestAborted))
            return await FormAsync(site, mail, signUp, typed, "Too many requests from your network. Wait a minute and try again.", StatusCodes.Status429TooManyRequests);
        if (MemberAccounts.NormalizeEmail(typed) is not { } email)
            return await FormAsync(site, mail, signUp, typed, "Enter an email address, such as name@example.com.", StatusCodes.Status400BadRequest);
        // Past the per-address limit the answer is the same; only the mail is not sent, so nobody can flood an inbox.
        if (await limits.TryAcquireAsync("member-address:" + email, options.Members.LinksPerAddressPerHour, TimeSpan.FromHours(1), http.RequestAborted))
            http.RequestServices.GetRequiredService<MemberLinkRequests>().Enqueue(new MemberLinkRequests.Request(signUp, email));
        return Page<MemberMessagePage>(new
        {
            Site = await site.GetAsync(),
            Title = "Check your inbox",
            Paragraphs = new[]
            {
                signUp
                    ? $"If {email} can receive mail, a link is on its way to it. Follow the link to confirm your membership."
                    : $"If {email} belongs to a member, a sign-in link is on its way to it.",
                "It may take a minute; look in your spam folder too. The link works once.",
            },
        });
    }

    private static async Task<IResult> LinkPageAsync(SiteContext site, string? token, string action, string title, string text, string button)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return await ExpiredAsync(site);
        return Page<MemberButtonPage>(new
        {
            Site = await site.GetAsync(), Title = title, Text = text, Action = action, Button = button,
            Fields = new List<(string, string)> { ("token", token) },
        });
    }

    private static async Task<IResult> FollowLinkAsync(HttpContext http, SiteContext site, bool confirm, MemberAccounts accounts)
    {
        // Signing someone in to another person's account (login CSRF) takes a post from another site: refused here.
        if (!SameOriginPost.IsAllowed(http, http.RequestServices.GetRequiredService<IOptions<MastheadOptions>>().Value.BaseUrl)) return await RefusedAsync(site);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var token = form["token"].ToString();
        var member = confirm ? await accounts.ConfirmAsync(token, http.RequestAborted) : await accounts.SignInAsync(token, http.RequestAborted);
        if (member is null) return await ExpiredAsync(site);
        await MemberSession.SignInAsync(http, member);
        return Results.Redirect(AccountPath + (confirm ? "?welcome=1" : ""));
    }

    private static async Task<IResult> AccountAsync(HttpContext http, SiteContext site, MemberSession session, MastheadDbContext db, IAntiforgery csrf,
        string? welcome, string? saved, string? email)
    {
        if (await session.CurrentAsync(http) is not { } member) return Results.Redirect(SignInPath);
        var notice = welcome is not null ? "Welcome: your email is confirmed and you are a member."
            : saved is not null ? "Saved."
            : email == "sent" ? "We sent a link to the new address. Follow it to finish the change; until then we write to this one."
            : email == "changed" ? "Your email address is changed." : null;
        return await AccountPageAsync(http, site, db, csrf, member, notice, null);
    }

    /// <summary>Sends a confirmation to the new address; the same answer whether or not another member uses it.</summary>
    private static async Task<IResult> ChangeEmailAsync(HttpContext http, SiteContext site, MemberSession session, MastheadDbContext db, IAntiforgery csrf,
        SharedRateLimits limits, IOptions<MastheadOptions> options, MemberLinkRequests requests)
    {
        if (await session.CurrentAsync(http) is not { } member) return Results.Redirect(SignInPath);
        if (!await csrf.IsRequestValidAsync(http)) return await RefusedAsync(site);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (MemberAccounts.NormalizeEmail(form["email"].ToString()) is not { } email)
            return await AccountPageAsync(http, site, db, csrf, member, null, null, StatusCodes.Status400BadRequest,
                emailError: "Enter the new address, such as name@example.com.", typedEmail: form["email"].ToString());
        if (await limits.TryAcquireAsync("member-address:" + email, options.Value.Members.LinksPerAddressPerHour, TimeSpan.FromHours(1), http.RequestAborted))
            requests.Enqueue(new MemberLinkRequests.Request(false, email, member.Id));
        return Results.Redirect(AccountPath + "?email=sent");
    }

    private static async Task<IResult> ConfirmEmailChangeAsync(HttpContext http, SiteContext site, MemberAccounts accounts)
    {
        if (!SameOriginPost.IsAllowed(http, http.RequestServices.GetRequiredService<IOptions<MastheadOptions>>().Value.BaseUrl)) return await RefusedAsync(site);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var member = await accounts.ConfirmEmailChangeAsync(form["token"].ToString(), http.RequestAborted);
        if (member is null) return await ExpiredAsync(site);
        await MemberSession.SignInAsync(http, member);
        return Results.Redirect(AccountPath + "?email=changed");
    }

    private static async Task<IResult> AccountPageAsync(HttpContext http, SiteContext site, MastheadDbContext db, IAntiforgery csrf, Member member,
        string? notice, string? deleteError, int status = 200, string? emailError = null, string? typedEmail = null) =>
        Page<AccountPage>(new
        {
            Site = await site.GetAsync(),
            Member = member,
            Newsletters = await db.Newsletters.AsNoTracking().Where(n => n.ArchivedAt == null).OrderBy(n => n.Name).ToListAsync(http.RequestAborted),
            Csrf = csrf.GetAndStoreTokens(http).RequestToken!,
            Notice = notice,
            DeleteError = deleteError,
            EmailError = emailError,
            TypedEmail = typedEmail,
        }, status);

    private static async Task<IResult> SaveAccountAsync(HttpContext http, SiteContext site, MemberSession session, MemberAccounts accounts, IAntiforgery csrf)
    {
        if (await session.CurrentAsync(http) is not { } member) return Results.Redirect(SignInPath);
        if (!await csrf.IsRequestValidAsync(http)) return await RefusedAsync(site);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var ids = form["newsletter"].Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        await accounts.UpdateAsync(member.Id, form["name"].ToString(), ids, http.RequestAborted);
        return Results.Redirect(AccountPath + "?saved=1");
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, MemberSession session, MemberAccounts accounts)
    {
        if (await session.CurrentAsync(http) is not { } member) return Results.Redirect(SignInPath);
        var data = await accounts.ExportAsync(member.Id, http.RequestAborted);
        var json = JsonSerializer.SerializeToUtf8Bytes(data, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        return Results.File(json, "application/json", "my-membership.json");
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, SiteContext site, MemberSession session, MemberAccounts accounts, MastheadDbContext db, IAntiforgery csrf)
    {
        if (await session.CurrentAsync(http) is not { } member) return Results.Redirect(SignInPath);
        if (!await csrf.IsRequestValidAsync(http)) return await RefusedAsync(site);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["confirm"].ToString() != "yes")
            return await AccountPageAsync(http, site, db, csrf, member, null, "Tick the box to say you want your account deleted.", StatusCodes.Status400BadRequest);
        await accounts.DeleteAsync(member.Id, http.RequestAborted);
        await MemberSession.SignOutAsync(http);
        return Page<MemberMessagePage>(new
        {
            Site = await site.GetAsync(),
            Title = "Your account is deleted",
            Paragraphs = new[] { "Your address, name, choices and history have been erased, and we will send you nothing more. Thank you for reading." },
            LinkUrl = "/",
            LinkText = "Back to the front page",
        });
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, SiteContext site, IAntiforgery csrf)
    {
        if (!await csrf.IsRequestValidAsync(http)) return await RefusedAsync(site);
        await MemberSession.SignOutAsync(http);
        return Results.Redirect("/");
    }

    private static async Task<IResult> UnsubscribePageAsync(string? m, int? n, SiteContext site, MastheadDbContext db, CancellationToken ct)
    {
        var name = n is { } id ? await db.Newsletters.Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        if (string.IsNullOrWhiteSpace(m) || name is null) return await ExpiredAsync(site);
        return Page<MemberButtonPage>(new
        {
            Site = await site.GetAsync(), Title = $"Unsubscribe from {name}", Text = $"Stop receiving {name} at this address.",
            Action = $"/members/unsubscribe?m={Uri.EscapeDataString(m)}&n={n}", Button = "Unsubscribe",
        });
    }

    /// <summary>
    /// The unsubscribe link's button, and RFC 8058's one-click POST from a mail provider (body List-Unsubscribe=One-Click):
    /// the key in the address is the only credential, so no origin or token check applies.
    /// </summary>
    private static async Task<IResult> UnsubscribeAsync(HttpContext http, string? m, int? n, SiteContext site, MemberAccounts accounts)
    {
        var done = n is { } id && await accounts.UnsubscribeAsync(m, id, http.RequestAborted);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        if (form?["List-Unsubscribe"].ToString() == "One-Click")
            return done ? Results.Text("Unsubscribed.\n", "text/plain") : Results.Text("This unsubscribe link is not valid.\n", "text/plain", statusCode: 404);
        if (!done) return await ExpiredAsync(site);
        return Page<MemberMessagePage>(new
        {
            Site = await site.GetAsync(), Title = "You are unsubscribed",
            Paragraphs = new[] { "You will not receive this newsletter any more. Other newsletters you chose are not affected." },
            LinkUrl = AccountPath, LinkText = "Choose your newsletters",
        });
    }

    private static async Task<IResult> ExpiredAsync(SiteContext site) => Page<MemberMessagePage>(new
    {
        Site = await site.GetAsync(),
        Title = "This link does not work any more",
        Paragraphs = new[] { "Links we email work once, and for a limited time. Ask for a new one." },
        LinkUrl = SignInPath,
        LinkText = "Get a new sign-in link",
    }, StatusCodes.Status400BadRequest);

    private static async Task<IResult> RefusedAsync(SiteContext site) => Page<MemberMessagePage>(new
    {
        Site = await site.GetAsync(),
        Title = "That request was refused",
        Paragraphs = new[] { "It came from another site, or from a page that had been open too long. Go back, reload the page and try again." },
        LinkUrl = "/",
        LinkText = "Go to the front page",
    }, StatusCodes.Status403Forbidden);

    private static ComponentPage<T> Page<T>(object parameters, int status = StatusCodes.Status200OK)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = status };
}
