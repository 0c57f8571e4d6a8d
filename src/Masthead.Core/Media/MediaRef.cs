namespace Masthead.Core.Media;

/// <summary>What it takes to name a picture's published files: small enough to project straight out of a query.</summary>
public sealed record MediaRef(string Key, int Width, int Height, double FocalX, double FocalY, FallbackFormat Fallback)
{
    public static MediaRef From(MediaItem m) => new(m.StorageKey, m.Width, m.Height, m.FocalX, m.FocalY, m.Fallback);
}
