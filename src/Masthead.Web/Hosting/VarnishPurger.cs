using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

/// <summary>
/// Purges by tag on every Varnish in <c>Masthead:Cache:PurgeUrls</c>, through the xkey module, as
/// <c>deploy/varnish/masthead.vcl</c> expects: <c>PURGE /</c> with the tags in an <c>xkey-purge</c> header.
/// Throws unless every cache accepts, so the purge sender tries again.
/// </summary>
public sealed class VarnishPurger(HttpClient http, IOptions<MastheadOptions> options) : ICdnPurger
{
    public async Task PurgeAsync(IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        foreach (var url in options.Value.Cache.PurgeUrls)
        {
            using var request = new HttpRequestMessage(new HttpMethod("PURGE"), url);
            request.Headers.TryAddWithoutValidation("xkey-purge", string.Join(' ', tags));
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"{url} refused the purge: {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }
}
