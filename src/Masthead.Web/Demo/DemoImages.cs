using NetVips;

namespace Masthead.Web.Demo;

/// <summary>
/// Paints abstract pictures for the demo publication with libvips, so no photograph has to be downloaded. They are
/// uploaded into the media library like any editor's picture.
/// </summary>
public static class DemoImages
{
    private static readonly (double R, double G, double B)[][] Palettes =
    [
        [(228, 3, 3), (255, 140, 0), (255, 237, 0)],
        [(0, 128, 38), (36, 64, 142), (115, 41, 130)],
        [(91, 206, 250), (245, 169, 184), (255, 255, 255)],
        [(214, 41, 0), (255, 155, 85), (212, 97, 166)],
        [(40, 20, 70), (140, 30, 90), (250, 180, 90)],
        [(20, 60, 80), (60, 160, 150), (240, 230, 200)],
        [(60, 20, 20), (200, 80, 60), (250, 210, 160)],
        [(30, 30, 60), (90, 120, 200), (230, 200, 250)],
    ];

    /// <summary>Paints a picture seeded by <paramref name="seedText"/> (the same text, the same picture) and returns it as a JPEG.</summary>
    public static byte[] Paint(string seedText, int width = 1200, int height = 675)
    {
        Media.ImageCodecs.EnsureConfigured();
        var seed = StableHash(seedText);
        var palette = Palettes[(int)((uint)seed % Palettes.Length)];

        using var xy = Image.Xyz(width, height);
        using var x = xy[0] / (double)width;
        using var y = xy[1] / (double)height;
        using var noise = Image.Perlin(width, height, cellSize: 180 + (int)((uint)seed % 140), seed: seed);
        var angle = ((uint)seed % 360) * Math.PI / 180;
        // A diagonal blend across three colours, bent by smooth noise.
        using var blend = (x * Math.Cos(angle) * 0.5 + y * Math.Sin(angle) * 0.5 + 0.5 + noise * 0.35);
        using var t = blend * 1.0;
        using var low = t < 0.5;

        Image Channel(int channel)
        {
            var (a, b, c) = (palette[0], palette[1], palette[2]);
            double Pick((double R, double G, double B) colour) => channel switch { 0 => colour.R, 1 => colour.G, _ => colour.B };
            using var first = t * 2 * (Pick(b) - Pick(a)) + Pick(a);
            using var second = (t - 0.5) * 2 * (Pick(c) - Pick(b)) + Pick(b);
            return low.Ifthenelse(first, second);
        }

        using var r = Channel(0);
        using var g = Channel(1);
        using var bl = Channel(2);
        using var joined = r.Bandjoin(g, bl);
        using var clamped = joined.Cast(Enums.BandFormat.Uchar);
        using var srgb = clamped.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash & 0x7fffffff;
        }
    }
}
