using Masthead.Core.Members;

namespace Masthead.Core.Tests.Members;

public class MemberAddressTests
{
    [Theory]
    [InlineData("Reader@Example.org ", "reader@example.org")]
    [InlineData("ana.núñez@correo.example", "ana.núñez@correo.example")]
    [InlineData("first+quire@mail.example.co.uk", "first+quire@mail.example.co.uk")]
    [InlineData("o'brien@post.example.ie", "o'brien@post.example.ie")]
    [InlineData("jo@xn--bcher-kva.example", "jo@xn--bcher-kva.example")]
    public void PlausibleAddresses_AreKept_InOneForm(string typed, string stored) =>
        Assert.Equal(stored, MemberAccounts.NormalizeEmail(typed));

    [Theory]
    [InlineData("reader@example")]
    [InlineData("reader example@example.org")]
    [InlineData("<reader@example.org>")]
    [InlineData("reader\u200B@example.org")] // zero-width space
    [InlineData("read\u200Der@example.org")] // zero-width joiner
    [InlineData("reader@exa\u202Emple.org")] // right-to-left override
    [InlineData("reader@example.org\u0007")]
    [InlineData("two..dots@example.org")] // mail servers refuse an empty word between dots
    [InlineData(".leading@example.org")]
    [InlineData("trailing.@example.org")]
    [InlineData("reader@exa!mple.org")] // a domain is letters, digits and hyphens
    [InlineData("reader@-example.org")]
    [InlineData("reader@example..org")]
    [InlineData("back\\slash@example.org")]
    public void ImplausibleOrLookAlikeAddresses_AreRefused(string typed) =>
        Assert.Null(MemberAccounts.NormalizeEmail(typed));
}
