using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Web.Newsroom;

/// <summary>
/// Base of the newsroom's pages that manage the publication (sections, tags, authors, people, settings, the
/// audit log, a story's history). The role check runs before every handler, GET and POST alike, so a handler
/// added later cannot forget it; a refused person is sent to the "not allowed" page. It also carries the
/// field errors that the forms show in a summary and next to each field.
/// </summary>
public abstract class ManagementPage(NewsroomSession session) : PageModel
{
    public Editor Me => session.Editor;

    /// <summary>Whether this role may use the page at all; from <see cref="Permissions"/>, never decided here.</summary>
    protected abstract bool MayUse(Role role);

    public IDictionary<string, string[]> Errors { get; protected set; } = new Dictionary<string, string[]>();

    /// <summary>A confirmation shown at the top of the page ("Section saved.").</summary>
    public string? Notice { get; protected set; }

    [NonHandler] // a filter hook, not a handler for requests with the verb "PAGE"
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!MayUse(session.Role))
        {
            context.Result = Refuse();
            return;
        }
        await next();
    }

    /// <summary>Redirects to /newsroom/forbidden (the session cookie's access-denied page).</summary>
    protected static IActionResult Refuse() => new ForbidResult(NewsroomRegistration.Scheme);

    /// <summary>Keeps a use case's validation messages for the page, with the status code a failed form answers with.</summary>
    protected void Fail<T>(Result<T> result)
    {
        Errors = result.Errors?.ToDictionary() ?? new Dictionary<string, string[]> { ["form"] = [result.Message ?? "That did not work."] };
        Response.StatusCode = FormStatus.For(result.Outcome);
    }

    /// <summary>
    /// How a form post ends: refused, done (on to <paramref name="done"/>, which shows the confirmation), or the page
    /// again with the use case's messages, after <paramref name="reload"/> has read what the page lists.
    /// </summary>
    protected async Task<IActionResult> AnswerAsync<T>(Result<T> result, string done, Func<Task> reload)
    {
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Outcome == Outcome.Ok) return Redirect(done);
        Fail(result);
        await reload();
        return Page();
    }

    protected void Fail(string field, string message)
    {
        Errors = new Dictionary<string, string[]> { [field] = [message] };
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    public string? ErrorFor(string key) => Errors.TryGetValue(key, out var m) ? string.Join(" ", m) : null;

    /// <summary>aria-invalid for a field: "true", or null so the attribute is left out.</summary>
    public string? InvalidFor(string key) => Errors.ContainsKey(key) ? "true" : null;

    /// <summary>aria-describedby for a field: its hint and, when there is one, its error message.</summary>
    public string? DescribedBy(string key, string? hint = null)
    {
        var ids = new[] { hint, Errors.ContainsKey(key) ? ErrorId(key) : null }.Where(p => p is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>The message under a field, with the id its aria-describedby points at; nothing when the field is fine.</summary>
    public IHtmlContent FieldError(string key)
    {
        if (ErrorFor(key) is not { } message) return HtmlString.Empty;
        var html = new HtmlContentBuilder();
        html.AppendHtml($"<p class=\"nr-error\" id=\"{ErrorId(key)}\">");
        html.Append(message);
        html.AppendHtml("</p>");
        return html;
    }

    public static string ErrorId(string key) => "err-" + key.Replace('.', '-').Replace('[', '-').Replace("]", "");
}
