using NetVips;

namespace Masthead.Tests.Media;

/// <summary>Pictures painted for the tests with libvips, and a way to read the published files back.</summary>
public static class TestImages
{
    public static readonly double[] Red = [220, 20, 20];
    public static readonly double[] Green = [20, 200, 20];
    public static readonly double[] Blue = [20, 20, 220];
    public static readonly double[] Yellow = [240, 220, 20];

    /// <summary>Equal bands of colour, left to right (or top to bottom when <paramref name="across"/> is false).</summary>
    public static Image Bands(int width, int height, bool across, params double[][] colours)
    {
        var image = Image.Black(width, height, bands: 3).Copy(interpretation: Enums.Interpretation.Srgb);
        var size = (across ? width : height) / colours.Length;
        for (var i = 0; i < colours.Length; i++)
        {
            var previous = image;
            image = across
                ? image.Mutate(m => m.DrawRect(colours[i], i * size, 0, i == colours.Length - 1 ? width - i * size : size, height, fill: true))
                : image.Mutate(m => m.DrawRect(colours[i], 0, i * size, width, i == colours.Length - 1 ? height - i * size : size, fill: true));
            previous.Dispose();
        }
        return image;
    }

    public static byte[] Jpeg(int width, int height) => Encode(Bands(width, height, true, Red, Green, Blue, Yellow), ".jpg");

    public static byte[] Png(int width, int height, bool alpha = false)
    {
        using var bands = Bands(width, height, true, Red, Green, Blue, Yellow);
        if (!alpha) return bands.PngsaveBuffer();
        using var withAlpha = bands.Bandjoin(200);
        using var tagged = withAlpha.Copy(interpretation: Enums.Interpretation.Srgb);
        return tagged.PngsaveBuffer();
    }

    /// <summary>
    /// A PNG whose header names a whole picture but whose one IDAT chunk (with a correct checksum, then IEND)
    /// holds only the first bytes of the compressed pixels: a well-formed file that is cut short inside.
    /// </summary>
    public static byte[] PngWithTruncatedData(int width, int height, int totalBytes)
    {
        var whole = Png(width, height);
        const int signatureAndHeader = 8 + 25;
        var idat = FirstChunk(whole, "IDAT");
        var keep = totalBytes - signatureAndHeader - 12 - 12;
        return [.. whole.AsSpan(0, signatureAndHeader), .. PngChunk("IDAT", idat.AsSpan(0, keep)), .. PngChunk("IEND", [])];
    }

    private static byte[] FirstChunk(byte[] png, string type)
    {
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) == type) return png[(at + 8)..(at + 8 + length)];
            at += 12 + length;
        }
        throw new InvalidOperationException($"no {type} chunk");
    }

    private static byte[] PngChunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk.AsSpan(8));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    // PNG's CRC-32 (the zlib polynomial), bit by bit: a few bytes, so speed does not matter.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>Random noise compresses badly: a big file from a small picture.</summary>
    public static byte[] NoisyJpeg(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 80);
        using var rgb = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return rgb.JpegsaveBuffer(q: 100);
    }

    /// <summary>
    /// A 400 × 300 JPEG whose EXIF says "turn me 90° clockwise" (orientation 6) and carries GPS and a description
    /// with a marker that must not survive. Painted red on the left half, blue on the right: upright, red is on top.
    /// </summary>
    public static byte[] JpegWithExif(string marker)
    {
        using var bands = Bands(400, 300, true, Red, Blue);
        using var tagged = bands.Mutate(m =>
        {
            m.Set(GValue.GIntType, "orientation", 6);
            m.Set(GValue.GStrType, "exif-ifd0-ImageDescription", marker);
            m.Set(GValue.GStrType, "exif-ifd0-Artist", marker);
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
        });
        return tagged.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.All);
    }

    public static byte[] Encode(Image image, string suffix)
    {
        using (image) return image.WriteToBuffer(suffix);
    }

    /// <summary>Width, height and the loader libvips picked for a published file.</summary>
    public static (int Width, int Height, string Loader) Describe(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        return (image.Width, image.Height, (string)image.Get("vips-loader"));
    }

    /// <summary>The colour at a point given as fractions of the width and height.</summary>
    public static double[] ColourAt(byte[] file, double x, double y)
    {
        using var image = Image.NewFromBuffer(file);
        return image.Getpoint((int)Math.Min(image.Width - 1, x * image.Width), (int)Math.Min(image.Height - 1, y * image.Height))[..3];
    }

    /// <summary>Which of the test colours a pixel is nearest to.</summary>
    public static string Nearest(double[] colour)
    {
        var named = new[] { ("red", Red), ("green", Green), ("blue", Blue), ("yellow", Yellow) };
        return named.MinBy(n => n.Item2.Zip(colour, (a, b) => (a - b) * (a - b)).Sum()).Item1;
    }
}
