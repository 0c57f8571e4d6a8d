using Masthead.Core.Accounts;
using Masthead.Core.ContentApi;

namespace Masthead.Tests.Support;

public static class ContentApiClient
{
    /// <summary>Creates a Content API key through the use case, as an admin would, and returns its secret.</summary>
    public static Task<string> NewContentKeyAsync(this MastheadAppFactory app, string name = "tests") =>
        app.UseAsync<ContentApiKeys, string>(async keys => (await keys.CreateAsync(name, Editor.System, CancellationToken.None)).Value!);

    /// <summary>A client that sends a new key in X-Api-Key.</summary>
    public static async Task<HttpClient> ContentClientAsync(this MastheadAppFactory app)
    {
        var client = app.Reader();
        client.DefaultRequestHeaders.Add("X-Api-Key", await app.NewContentKeyAsync());
        return client;
    }
}
