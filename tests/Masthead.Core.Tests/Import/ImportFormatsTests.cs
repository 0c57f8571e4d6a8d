using Masthead.Core.Import;
using Masthead.Core.Import.Ghost;
using Masthead.Core.Import.WordPress;

namespace Masthead.Core.Tests.Import;

/// <summary>The one list of import formats the command line and the newsroom read.</summary>
public sealed class ImportFormatsTests
{
    [Theory]
    [InlineData("wordpress", typeof(WxrSource))]
    [InlineData("Ghost", typeof(GhostSource))]
    public void AFormat_IsFoundByName_AndOpensItsReader(string name, Type reader)
    {
        var format = ImportFormats.Find(name);
        Assert.NotNull(format);
        Assert.IsType(reader, format.Open(new ImportFileRequest("/nowhere/export")));
    }

    [Fact]
    public void AnUnknownFormat_IsNotFound_AndNamesAreDistinct()
    {
        Assert.Null(ImportFormats.Find("drupal"));
        Assert.Null(ImportFormats.Find(null));
        Assert.Equal(ImportFormats.All.Count, ImportFormats.All.Select(f => f.Name).Distinct().Count());
        Assert.Equal([false, true], ImportFormats.All.Select(f => f.TakesSections));
    }
}
