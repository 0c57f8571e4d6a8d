using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Masthead.Core.Members;
using Masthead.Web.AdminApi;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsletters;

/// <summary>
/// <c>POST /api/mail/events</c>: where the mail provider reports bounces and complaints (docs/operations.md). Three
/// shapes are read: Masthead's own (<c>{"type": "hard-bounce" | "soft-bounce" | "complaint", "email", "detail"}</c>,
/// or an array of them), Postmark's bounce and spam-complaint webhooks, and Mailgun's "failed" and "complained" events.
/// Masthead's own and Postmark's prove themselves with the configured secret (basic authentication's password, or a
/// bearer token); Mailgun's with its signature. Other events a provider sends (deliveries, opens) are accepted and ignored,
/// so a provider can be pointed at it for everything. Off (404) until a secret or a signing key is configured.
/// </summary>
public static class MailEventEndpoints
{
    public const string Path = "/api/mail/events";
    private const int MaxBody = 1024 * 1024;
    /// <summary>Mailgun signatures older (or newer) than this are refused, so a captured one cannot be replayed for long.</summary>
    private static readonly TimeSpan SignatureWindow = TimeSpan.FromMinutes(15);

    public static WebApplication MapMailEvents(this WebApplication app)
    {
        app.MapPost(Path, ReceiveAsync).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<MastheadOptions> options, MailEvents events, TimeProvider time)
    {
        var settings = options.Value.MailEvents;
        http.Response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(settings.Secret) && string.IsNullOrWhiteSpace(settings.MailgunSigningKey))
            return JsonBody.Problem(StatusCodes.Status404NotFound, "Not found", "Mail events are not set up: configure Masthead:MailEvents:Secret or Masthead:MailEvents:MailgunSigningKey.");

        var body = await ReadLimitedAsync(http.Request, http.RequestAborted);
        if (body is null) return JsonBody.Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"Send at most {MaxBody / 1024} KB of events at a time.", AdminApi.RequestRefusals.BodyTooLarge);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return JsonBody.Problem(StatusCodes.Status400BadRequest, "Not JSON", "The body must be JSON: see docs/operations.md for the shapes Masthead reads.", AdminApi.RequestRefusals.MalformedBody);
        }
        using (document)
        {
            var root = document.RootElement;
            var mailgun = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event-data", out _);
            var authorized = mailgun ? MailgunSigned(root, settings.MailgunSigningKey, time) : SecretSent(http.Request, settings.Secret);
            if (!authorized)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"Masthead mail events\"";
                return JsonBody.Problem(StatusCodes.Status401Unauthorized, "Not authenticated",
                    mailgun ? "The Mailgun signature does not match the configured signing key, or is too old." : "Send the configured secret as the password of basic authentication or as a bearer token.");
            }
            var (parsed, error) = Read(root);
            if (error is not null) return JsonBody.Problem(StatusCodes.Status400BadRequest, "Unreadable event", error);
            await events.RecordAsync(parsed, http.RequestAborted);
            // How many concerned a member is not said: the answer must not tell whether an address belongs to one.
            return Results.Ok(new { received = parsed.Count });
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The secret as a bearer token, or as basic authentication's password (Postmark puts it in the webhook's URL as user:password@).</summary>
    private static bool SecretSent(HttpRequest request, string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret)) return false;
        var header = request.Headers.Authorization.ToString();
        string? given = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) given = header[7..].Trim();
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                given = pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? pair[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return false;
            }
        }
        return given is not null && SameSecret(given, secret);
    }

    // Compared as hashes, so the time taken says nothing about the secret's length or its first characters.
    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>Mailgun signs the timestamp and a random token with HMAC-SHA256 under the account's webhook signing key.</summary>
    private static bool MailgunSigned(JsonElement root, string? key, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(key) || !root.TryGetProperty("signature", out var signature) || signature.ValueKind != JsonValueKind.Object) return false;
        var timestamp = Text(signature, "timestamp");
        var token = Text(signature, "token");
        var given = Text(signature, "signature");
        if (timestamp is null || token is null || given is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        var at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        if ((time.GetUtcNow() - at).Duration() > SignatureWindow) return false;
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(timestamp + token)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given.ToLowerInvariant()));
    }

    /// <summary>The events in the body, or why it cannot be read. Events of kinds Masthead does not act on are left out.</summary>
    internal static (List<MailEvent> Events, string? Error) Read(JsonElement root)
    {
        var events = new List<MailEvent>();
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = items.Count > 1 ? $"Event {i + 1}: " : "";
            if (item.ValueKind != JsonValueKind.Object) return ([], at + "each event must be a JSON object.");
            var error = item.TryGetProperty("event-data", out var mailgun) ? Mailgun(mailgun, events)
                : item.TryGetProperty("RecordType", out _) ? Postmark(item, events)
                : Own(item, events);
            if (error is not null) return ([], at + error);
        }
        return (events, null);
    }

    private static string? Own(JsonElement item, List<MailEvent> events)
    {
        var type = Text(item, "type");
        var email = Text(item, "email");
        MailEventKind? kind = type switch
        {
            "hard-bounce" => MailEventKind.HardBounce,
            "soft-bounce" => MailEventKind.SoftBounce,
            "complaint" => MailEventKind.Complaint,
            _ => null,
        };
        if (kind is null) return $"\"type\" must be \"hard-bounce\", \"soft-bounce\" or \"complaint\"{(type is null ? "" : $", not \"{Shorten(type)}\"")}.";
        if (string.IsNullOrWhiteSpace(email)) return "\"email\" must give the address the event is about.";
        events.Add(new MailEvent(kind.Value, email, Text(item, "detail")));
        return null;
    }

    // Postmark: https://postmarkapp.com/developer/webhooks/bounce-webhook and spam-complaint-webhook.
    private static readonly HashSet<string> PostmarkHard = new(StringComparer.Ordinal) { "HardBounce", "BadEmailAddress", "ManuallyDeactivated" };

    private static string? Postmark(JsonElement item, List<MailEvent> events)
    {
        var record = Text(item, "RecordType");
        var email = Text(item, "Email");
        if (record is not ("Bounce" or "SpamComplaint")) return null; // deliveries, opens, clicks: nothing to do
        if (string.IsNullOrWhiteSpace(email)) return "A Postmark bounce or complaint without \"Email\".";
        if (record == "SpamComplaint")
        {
            events.Add(new MailEvent(MailEventKind.Complaint, email, "reported as spam (Postmark)"));
            return null;
        }
        var type = Text(item, "Type") ?? "";
        // Postmark deactivates an address it will not send to again ("Inactive"): that is as final as a hard bounce.
        var inactive = item.TryGetProperty("Inactive", out var flag) && flag.ValueKind == JsonValueKind.True;
        var kind = PostmarkHard.Contains(type) || inactive ? MailEventKind.HardBounce : MailEventKind.SoftBounce;
        events.Add(new MailEvent(kind, email, $"{type}: {Text(item, "Description")} (Postmark)"));
        return null;
    }

    // Mailgun: the "failed" event with severity permanent or temporary, and "complained".
    private static string? Mailgun(JsonElement data, List<MailEvent> events)
    {
        if (data.ValueKind != JsonValueKind.Object) return "Mailgun's \"event-data\" must be an object.";
        var name = Text(data, "event");
        var email = Text(data, "recipient");
        MailEventKind? kind = name switch
        {
            "failed" => Text(data, "severity") == "permanent" ? MailEventKind.HardBounce : MailEventKind.SoftBounce,
            "complained" => MailEventKind.Complaint,
            _ => null,
        };
        if (kind is null) return null;
        if (string.IsNullOrWhiteSpace(email)) return "A Mailgun event without \"recipient\".";
        var status = data.TryGetProperty("delivery-status", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var detail = status.ValueKind == JsonValueKind.Object ? Text(status, "description") is { Length: > 0 } d ? d : Text(status, "message") : null;
        events.Add(new MailEvent(kind.Value, email, kind == MailEventKind.Complaint ? "reported as spam (Mailgun)" : $"{detail ?? Text(data, "reason")} (Mailgun)"));
        return null;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
