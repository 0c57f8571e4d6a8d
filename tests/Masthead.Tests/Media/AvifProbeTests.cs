using Masthead.Web.Hosting;
using Masthead.Web.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Masthead.Tests.Media;

/// <summary>The AVIF probe runs once per libvips binary; its answer, kept in the data folder, spares later starts loading libvips.</summary>
public sealed class AvifProbeTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("masthead-probe-").FullName;
    private string Remembered => Path.Combine(_data, "avif-probe.txt");

    private ImageCodecs Codecs(bool avif = true) =>
        new(Options.Create(new MastheadOptions { DataPath = _data, Media = new() { Avif = avif } }), NullLogger<ImageCodecs>.Instance);

    [Fact]
    public void TheAnswer_IsKeptForTheSameBinary_AndUsedOnTheNextStart()
    {
        var first = Codecs();
        var lines = File.ReadAllLines(Remembered);
        Assert.Contains("libvips.so.42", lines[0]);
        Assert.Equal(first.AvifEncoder ? "yes" : "no", lines[1]);

        // The next start believes the file (here: told the opposite) rather than probing again.
        File.WriteAllLines(Remembered, [lines[0], first.AvifEncoder ? "no" : "yes", "told by the test"]);
        Assert.Equal(!first.AvifEncoder, Codecs().AvifEncoder);

        // Another binary (a different size or date) is probed afresh.
        File.WriteAllLines(Remembered, [lines[0] + " (older)", first.AvifEncoder ? "no" : "yes"]);
        Assert.Equal(first.AvifEncoder, Codecs().AvifEncoder);
    }

    [Fact]
    public void WithAvifTurnedOff_NothingIsProbed()
    {
        var codecs = Codecs(avif: false);
        Assert.False(codecs.AvifEnabled);
        Assert.False(File.Exists(Remembered));
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
