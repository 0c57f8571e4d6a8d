namespace Masthead.Core.Media;

/// <summary>A shape a picture can be cut to around its focal point. The list is fixed so the set of files per picture is bounded.</summary>
public sealed record CropAspect(string Name, int Across, int Down)
{
    /// <summary>Story cards.</summary>
    public static readonly CropAspect Card = new("16x9", 16, 9);
    /// <summary>Thumbnails and square slots.</summary>
    public static readonly CropAspect Square = new("1x1", 1, 1);

    public static IReadOnlyList<CropAspect> All { get; } = [Card, Square];

    public static CropAspect? Named(string name) => All.FirstOrDefault(a => a.Name == name);

    /// <summary>"16:9", as people write it.</summary>
    public string Label => $"{Across}:{Down}";
}

/// <summary>A rectangle of the master, in pixels.</summary>
public readonly record struct CropRect(int Left, int Top, int Width, int Height);
