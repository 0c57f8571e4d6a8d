using AngleSharp;
using AngleSharp.Dom;

namespace Masthead.TestSupport;

public static class Html
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html));
    }

    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url, int expectedStatus = 200)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        return await ParseAsync(response);
    }

    public static string Text(this IElement? element) => element?.TextContent.Trim() ?? "";
}
