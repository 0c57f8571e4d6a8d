using System.Buffers.Binary;
using System.Text;

namespace Masthead.Web.Media;

/// <summary>A picture type the library takes, recognised by the file's first bytes.</summary>
public sealed record SniffedType(string Name, string ContentType, string LoaderPrefix);

/// <summary>
/// Tells what a file is from its first bytes, never from its name or the Content-Type the client sent, so a
/// renamed file is found out before any decoder sees it.
/// </summary>
public static class ImageSniffer
{
    public static readonly SniffedType Jpeg = new("JPEG", "image/jpeg", "jpegload");
    public static readonly SniffedType Png = new("PNG", "image/png", "pngload");
    public static readonly SniffedType Gif = new("GIF", "image/gif", "gifload");
    public static readonly SniffedType Webp = new("WebP", "image/webp", "webpload");
    public static readonly SniffedType Avif = new("AVIF", "image/avif", "heifload");

    public const string Accepted = "JPEG, PNG, WebP, AVIF or GIF";

    public static SniffedType? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return Webp;
        return FileTypeBrands(head).Any(b => b is "avif" or "avis") ? Avif : null;
    }

    /// <summary>A few words on what a refused file seems to be, so the person uploading it knows what to do.</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return "The file is empty.";
        var brands = FileTypeBrands(head);
        if (brands.Any(b => b is "heic" or "heix" or "heim" or "heis" or "mif1" or "msf1"))
            return "It looks like a HEIC picture (the iPhone's format); export it as JPEG first.";
        if (head.StartsWith("%PDF"u8)) return "It looks like a PDF document.";
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return "It looks like a TIFF picture; save it as JPEG or PNG first.";
        if (head.StartsWith("BM"u8)) return "It looks like a BMP picture; save it as PNG first.";
        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('<') && text.Contains("<svg", StringComparison.OrdinalIgnoreCase))
            return "It looks like an SVG drawing, which can carry script; export it as PNG first.";
        if (LooksLikeText(head)) return "It looks like text, not a picture.";
        return "Its first bytes match none of these formats.";
    }

    // ISO base media files (AVIF, HEIC, MP4) start with an 'ftyp' box: size, 'ftyp', major brand, version, compatible brands.
    private static List<string> FileTypeBrands(ReadOnlySpan<byte> head)
    {
        var brands = new List<string>();
        if (head.Length < 16 || !head[4..8].SequenceEqual("ftyp"u8)) return brands;
        var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head), (uint)head.Length);
        brands.Add(Encoding.ASCII.GetString(head[8..12]));
        for (var i = 16; i + 4 <= size; i += 4) brands.Add(Encoding.ASCII.GetString(head[i..(i + 4)]));
        return brands;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 512)];
        var printable = 0;
        foreach (var b in sample) if (b is 9 or 10 or 13 || b >= 32) printable++;
        return sample.IndexOf((byte)0) < 0 && printable == sample.Length;
    }
}
