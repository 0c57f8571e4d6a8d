namespace Masthead.Core.ContentApi;

/// <summary>
/// A key one app (a front end, the iOS app) uses to read the Content API. Only a hash of the secret is kept;
/// <see cref="Hint"/> is its first characters, so people can tell keys apart without the secret.
/// </summary>
public sealed class ContentApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Hint { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int? CreatedByUserId { get; set; }
    public DateTime? RevokedAt { get; set; }
}
