using Masthead.Core.Media;
using Masthead.Web.Media;

namespace Masthead.Tests.Media;

/// <summary>The rules that decide which files exist and what a file is, without the app.</summary>
public class MediaVariantsTests
{
    [Theory]
    [InlineData(250, new[] { 250 })]
    [InlineData(1200, new[] { 320, 640, 960, 1200 })]
    [InlineData(1290, new[] { 320, 640, 960, 1290 })]
    [InlineData(1920, new[] { 320, 640, 960, 1280, 1920 })]
    [InlineData(2000, new[] { 320, 640, 960, 1280, 1920 })]
    [InlineData(5000, new[] { 320, 640, 960, 1280, 1920 })]
    public void Widths_NeverEnlarge(int source, int[] expected) => Assert.Equal(expected, MediaVariants.WidthsFor(source));

    [Theory]
    [InlineData(0.5, 0.5, 350, 0)]
    [InlineData(0.0, 0.0, 0, 0)]
    [InlineData(1.0, 1.0, 700, 0)]
    [InlineData(0.375, 0.5, 150, 0)]
    public void SquareCrop_IsCentredOnTheFocalPoint_WithinTheEdges(double x, double y, int left, int top) =>
        Assert.Equal(new CropRect(left, top, 900, 900), FocalCrop.For(1600, 900, CropAspect.Square, x, y));

    [Fact]
    public void CardCrop_OfATallPicture_KeepsTheWidth() =>
        Assert.Equal(new CropRect(0, 747, 900, 506), FocalCrop.For(900, 1600, CropAspect.Card, 0.5, 0.625));

    [Theory]
    [InlineData("abcdefghij012345", null, "640.webp", true)]
    [InlineData("abcdefghij012345", "16x9-500-250", "1280.avif", true)]
    [InlineData("abcdefghij012345", "1x1-0-1000", "320.jpg", true)]
    [InlineData("ABCDEFGHIJ012345", null, "640.webp", false)]
    [InlineData("abcdefghij01234", null, "640.webp", false)]
    [InlineData("abcdefghij012345", null, "0640.webp", false)]
    [InlineData("abcdefghij012345", null, "640.WEBP", false)]
    [InlineData("abcdefghij012345", null, "640.gif", false)]
    [InlineData("abcdefghij012345", null, "source.jpg", false)]
    [InlineData("abcdefghij012345", null, "../640.webp", false)]
    [InlineData("abcdefghij012345", "16x9-500-0250", "640.webp", false)]
    [InlineData("abcdefghij012345", "16x9-1001-0", "640.webp", false)]
    [InlineData("abcdefghij012345", "4x3-500-500", "640.webp", false)]
    [InlineData("abcdefghij012345", "..", "640.webp", false)]
    public void Addresses_AreReadStrictly(string key, string? crop, string file, bool valid) =>
        Assert.Equal(valid, MediaUrls.Parse(key, crop, file) is not null);

    [Fact]
    public void Addresses_RoundTrip()
    {
        var media = new MediaRef("abcdefghij012345", 1600, 900, 0.25, 0.75, FallbackFormat.Jpeg);
        var url = MediaUrls.For(media, ImageFormat.Avif, 640, CropAspect.Card);
        Assert.Equal("/media/abcdefghij012345/16x9-250-750/640.avif", url);
        var parts = url.Split('/');
        var request = MediaUrls.Parse(parts[2], parts[3], parts[4])!;
        Assert.True(request.IsOfferedBy(media, avif: true));
        Assert.False(request.IsOfferedBy(media, avif: false));
        Assert.False(request.IsOfferedBy(media with { FocalX = 0.3 }, avif: true));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0, 0, 0, 0x1C, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66, 0, 0, 0, 0, 0x61, 0x76, 0x69, 0x66, 0x6D, 0x69, 0x66, 0x31, 0x6D, 0x69, 0x61, 0x66 }, "image/avif")]
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0, 0x6D, 0x69, 0x66, 0x31, 0x68, 0x65, 0x69, 0x63 }, null)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, null)]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)]
    public void Types_AreRecognisedByTheirFirstBytes(byte[] head, string? type) =>
        Assert.Equal(type, ImageSniffer.Sniff(head)?.ContentType);
}
