using Masthead.Core.Members;
using Masthead.Tests.Security;
using MimeKit;

namespace Masthead.Tests.Members;

/// <summary>
/// Every address Masthead accepts for a member is one MimeKit (which composes the mail) parses back to itself: an
/// address that passed the form but broke the mail was never sent its link, and only the log knew.
/// </summary>
public class MemberAddressParsingTests
{
    [Fact]
    public void Every_accepted_address_in_the_hostile_corpus_is_one_the_mail_library_parses_to_itself()
    {
        // Odd but real addresses the rule must keep, then the hostile corpus in the places an address has.
        string[] plausible = ["o'brien@post.example.ie", "ana.núñez@correo.example", "first+quire@mail.example.co.uk", "x_y-z@a-b.example",
            "!#$%&*/=?^_`{|}~@symbols.example", "用户@例子.example", "jo@xn--bcher-kva.example", "a.b.c.d@e.f.example"];
        var tried = plausible.Concat(HostileCorpus.All().SelectMany(c => new[]
            { c.Input, $"x{c.Number}{c.Input}@test.example", $"{c.Input}@test.example", $"reader{c.Number}@{c.Input}.example" }));
        var accepted = 0;
        foreach (var typed in tried)
        {
            {
                if (MemberAccounts.NormalizeEmail(typed) is not { } email) continue;
                accepted++;
                Assert.True(MailboxAddress.TryParse(ParserOptions.Default, email, out var parsed), $"“{email}” was accepted but does not parse");
                Assert.Equal(AsciiDomain(email), AsciiDomain(parsed.Address)); // MimeKit shows xn-- domains in Unicode
            }
        }
        Assert.All(plausible, p => Assert.NotNull(MemberAccounts.NormalizeEmail(p)));
        Assert.True(accepted >= plausible.Length);
    }

    private static string AsciiDomain(string address)
    {
        var at = address.LastIndexOf('@');
        return address[..(at + 1)] + new System.Globalization.IdnMapping().GetAscii(address[(at + 1)..]);
    }
}
