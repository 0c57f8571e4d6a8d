using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Media;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Media;

/// <summary>
/// Copies a picture from another site into the media library, so a story never hot-links one (a picture pasted from
/// a web page or a Google Doc). The request goes through <see cref="OutboundAddressGuard"/>: the address chosen by a
/// writer must not reach the publication's own network. What arrives is checked like any upload.
/// </summary>
public sealed class RemotePictures(IHttpClientFactory clients, UploadMedia uploads, IOptions<MastheadOptions> settings)
{
    public const string HttpClientName = "media-fetch";

    private MediaOptions Options => settings.Value.Media;

    /// <param name="fileName">The name the library lists it under; by default the address's own.</param>
    public async Task<Result<MediaItem>> FetchAsync(string? url, Editor editor, CancellationToken ct, string? fileName = null) =>
        (await FetchFromSiteAsync(url, editor, ct, fileName)).Result;

    /// <summary>
    /// As <see cref="FetchAsync"/>, and whether the site answered at all: a name that does not resolve, a refused
    /// connection or no answer in time is not the picture's fault but the site's, and the next address there would
    /// most likely fare the same.
    /// </summary>
    public async Task<(Result<MediaItem> Result, bool SiteAnswered)> FetchFromSiteAsync(string? url, Editor editor, CancellationToken ct, string? fileName = null)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            return (MediaRefusals.NotAnAddress(), true);
        var limit = Options.MaxUploadBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(Options.FetchTimeoutSeconds));
        byte[] bytes;
        var arrivedFrom = address;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return (MediaRefusals.FetchFailed($"{address.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}."), true);
            if (response.Content.Headers.ContentLength is { } length && length > limit)
                return (MediaRefusals.TooLarge(FileName(address), length, limit), true);
            // After a redirect, the picture's own name is the one at the end of the chain.
            arrivedFrom = response.RequestMessage?.RequestUri ?? address;
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > limit) return (MediaRefusals.UploadTooLarge(null, limit), true);
                buffer.Write(chunk, 0, read);
            }
            bytes = buffer.ToArray();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (MediaRefusals.FetchFailed($"{address.Host} did not answer within {Options.FetchTimeoutSeconds} seconds."), false);
        }
        catch (HttpRequestException e)
        {
            return (MediaRefusals.FetchFailed(e.Message), false);
        }
        return (await uploads.UploadAsync(new MediaUpload(bytes, fileName ?? FileName(arrivedFrom)), editor, variantsNow: null, ct), true);
    }

    /// <summary>The address's last path segment, or a plain name when it has none worth keeping.</summary>
    private static string FileName(Uri address)
    {
        var last = Uri.UnescapeDataString(address.Segments.LastOrDefault()?.Trim('/') ?? "");
        return last.Length is > 0 and <= 100 && last.Contains('.') ? last : "picture-from-" + address.Host;
    }
}
