using Masthead.Tests.Support;

namespace Masthead.Tests.Themes;

/// <summary>The app with the repository's alternative theme, Broadsheet (themes/Broadsheet).</summary>
public sealed class BroadsheetAppFactory : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // a theme changes nothing a first start writes

    protected override string? Theme => "Broadsheet";
}
