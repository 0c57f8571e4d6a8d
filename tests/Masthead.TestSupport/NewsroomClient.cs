using AngleSharp.Dom;

namespace Masthead.TestSupport;

/// <summary>
/// Drives the newsroom the way a browser without JavaScript would: it reads each form from the page,
/// including its CSRF token, and posts it back with the fields a person would fill in.
/// </summary>
public sealed class NewsroomClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<IDocument> GetPageAsync(string url, int expectedStatus = 200) => http.GetPageAsync(url, expectedStatus);

    public async Task<System.Net.HttpStatusCode> GetAsyncStatus(string url) => (await http.GetAsync(url)).StatusCode;

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await SubmitAsync("/newsroom/sign-in", "form.nr-form", new() { ["Email"] = email, ["Password"] = password });

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, finds the form (by CSS selector, or the one whose submit button has
    /// <paramref name="button"/> as its name=value), fills in <paramref name="fields"/> over the form's own
    /// values and posts it to the form's action.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formSelector, Dictionary<string, string> fields, string? button = null)
    {
        var page = await http.GetPageAsync(pageUrl);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form matches {formSelector} on {pageUrl}.");
        return await PostFormAsync(form, pageUrl, fields, button);
    }

    public async Task<HttpResponseMessage> PostFormAsync(IElement form, string pageUrl, Dictionary<string, string> fields, string? button = null)
    {
        var values = FieldsOf(form).Where(f => !fields.ContainsKey(f.Key)).ToList();
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        if (button is not null)
        {
            var parts = button.Split('=', 2);
            values.Add(new(parts[0], parts.Length > 1 ? parts[1] : ""));
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>What a browser would post for the form as served: its fields' values, checked boxes only, no buttons.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            var type = input.GetAttribute("type");
            if (type is "submit") continue;
            if (type is "checkbox" or "radio" && !input.HasAttribute("checked")) continue;
            var value = input.LocalName switch
            {
                "textarea" => input.TextContent,
                "select" => input.QuerySelector("option[selected]")?.GetAttribute("value") ?? input.QuerySelector("option")?.GetAttribute("value") ?? "",
                _ => input.GetAttribute("value") ?? "",
            };
            values.Add(new(name, value));
        }
        return values;
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="url"/> with a valid CSRF token taken from the dashboard,
    /// as someone would who crafts a form for a page their role does not show them.
    /// </summary>
    public async Task<HttpResponseMessage> PostWithTokenAsync(string url, Dictionary<string, string> fields, string tokenFrom = "/newsroom")
    {
        var token = await CsrfTokenAsync(tokenFrom);
        var values = fields.Append(new("__RequestVerificationToken", token));
        return await http.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>The CSRF token a page carries for its scripts (meta name="csrf-token").</summary>
    public async Task<string> CsrfTokenAsync(string pageUrl)
    {
        var page = await http.GetPageAsync(pageUrl);
        return page.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content")
            ?? page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pageUrl} carries no CSRF token.");
    }
}
