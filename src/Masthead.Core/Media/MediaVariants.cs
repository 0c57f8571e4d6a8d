namespace Masthead.Core.Media;

/// <summary>
/// Which sizes of a picture exist. The widths are fixed in code rather than configured, so a URL that was
/// published once stays valid; a picture is never enlarged, and its own width stands in for the sizes it lacks.
/// </summary>
public static class MediaVariants
{
    public static IReadOnlyList<int> StandardWidths { get; } = [320, 640, 960, 1280, 1920];

    /// <summary>The width pages use when they can name only one file (the img src, og:image).</summary>
    public const int DefaultWidth = 1280;

    public static IReadOnlyList<int> WidthsFor(int sourceWidth)
    {
        var widths = new List<int>();
        foreach (var w in StandardWidths)
        {
            // A standard width only counts when clearly smaller than the source; otherwise the source's own
            // width is used, so 1290 px gives …, 960, 1290 and not 1280 and 1290.
            if (w < sourceWidth * 0.9) widths.Add(w);
        }
        var largest = Math.Min(sourceWidth, StandardWidths[^1]);
        if (widths.Count == 0 || widths[^1] != largest) widths.Add(largest);
        return widths;
    }

    /// <summary>The (width, height) of each file of the whole picture, or of one crop of it.</summary>
    public static IReadOnlyList<(int Width, int Height)> Sizes(MediaRef media, CropAspect? aspect)
    {
        var (w, h) = Frame(media, aspect);
        return WidthsFor(w).Select(width => (width, HeightAt(w, h, width))).ToList();
    }

    /// <summary>Size of the area a variant is made from: the whole master, or the crop of it.</summary>
    public static (int Width, int Height) Frame(MediaRef media, CropAspect? aspect)
    {
        if (aspect is null) return (media.Width, media.Height);
        var rect = FocalCrop.For(media.Width, media.Height, aspect, media.FocalX, media.FocalY);
        return (rect.Width, rect.Height);
    }

    public static int HeightAt(int frameWidth, int frameHeight, int width) =>
        Math.Max(1, (int)Math.Round((double)frameHeight * width / frameWidth));

    /// <summary>The widest size not over <see cref="DefaultWidth"/>.</summary>
    public static int DefaultWidthFor(IReadOnlyList<int> widths)
    {
        var fitting = widths.Where(w => w <= DefaultWidth).ToList();
        return fitting.Count > 0 ? fitting[^1] : widths[0];
    }
}
