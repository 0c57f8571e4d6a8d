using System.Net;
using System.Security.Cryptography;
using Masthead.Tests.Members;
using Masthead.Tests.Support;
using Masthead.Web.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Masthead.Tests.Mail;

/// <summary>The members app signing its mail with a DKIM key read from a PEM file, as an operator would configure it.</summary>
public sealed class DkimAppFactory : MembersAppFactory
{
    public const string Domain = "quire.example";
    public const string Selector = "mh2026";
    private static readonly RSA Key = RSA.Create(2048);

    /// <summary>What the DNS TXT record at mh2026._domainkey.quire.example would publish (its p= value).</summary>
    public static string PublicKey => Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var path = Path.Combine(DataDirectory, "dkim.pem");
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(path, Key.ExportPkcs8PrivateKeyPem());
        builder.UseSetting("Masthead:Smtp:Dkim:Domain", Domain);
        builder.UseSetting("Masthead:Smtp:Dkim:Selector", Selector);
        builder.UseSetting("Masthead:Smtp:Dkim:PrivateKeyPath", path);
    }
}

/// <summary>
/// Messages received by the real SMTP test server carry a DKIM-Signature that MimeKit's verifier accepts against the
/// public key, and rejects once the message is changed.
/// </summary>
public sealed class DkimSigningTests(DkimAppFactory app) : IClassFixture<DkimAppFactory>
{
    /// <summary>Answers every key lookup with the test key, as DNS would for the configured selector.</summary>
    private sealed class TestKeyLocator(string publicKey) : DkimPublicKeyLocatorBase
    {
        public List<(string Domain, string Selector)> Asked { get; } = [];

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            Asked.Add((domain, selector));
            return GetPublicKey($"v=DKIM1; k=rsa; p={publicKey}");
        }

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }

    private static async Task<bool> VerifiesAsync(MimeMessage message, TestKeyLocator locator)
    {
        var index = message.Headers.IndexOf(HeaderId.DkimSignature);
        Assert.True(index >= 0, "The message has no DKIM-Signature.");
        return await new DkimVerifier(locator).VerifyAsync(message, message.Headers[index]);
    }

    [Fact]
    public async Task ASignUpConfirmation_IsSigned_AndTheSignatureVerifies()
    {
        var email = MembersAppFactory.NewAddress();
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().PostFormAsync("/members/sign-up", ("email", email))).StatusCode);
        var message = Assert.Single(await app.Smtp.WaitForAsync(email));

        var signature = message.Headers[HeaderId.DkimSignature] ?? "";
        Assert.Contains($"d={DkimAppFactory.Domain}", signature);
        Assert.Contains($"s={DkimAppFactory.Selector}", signature);
        Assert.Contains("a=rsa-sha256", signature);
        var locator = new TestKeyLocator(DkimAppFactory.PublicKey);
        Assert.True(await VerifiesAsync(message, locator));
        Assert.Equal([(DkimAppFactory.Domain, DkimAppFactory.Selector)], locator.Asked);

        // The same check fails for a changed subject, and for another key: it is not a verifier that says yes to anything.
        message.Subject += " (changed)";
        Assert.False(await VerifiesAsync(message, locator));
        message = Assert.Single(app.Smtp.MessagesTo(email));
        Assert.False(await VerifiesAsync(message, new TestKeyLocator(Convert.ToBase64String(RSA.Create(2048).ExportSubjectPublicKeyInfo()))));
    }

    [Fact]
    public async Task ANewsletterCopy_IsSigned_IncludingItsUnsubscribeHeaders()
    {
        var email = MembersAppFactory.NewAddress();
        await app.Services.GetRequiredService<MailSender>().SendAsync(new OutgoingMail(email, "Tuesday's letter", "Plain text, with ünïcödé to encode.")
        {
            Html = "<p>Plain text, with ünïcödé to encode.</p>", Unsubscribe = "https://quire.example/members/unsubscribe?m=k&n=1",
            ListId = "tuesday.quire.example", FromAddress = "letters@quire.example", FromName = "Tuesday",
        }, CancellationToken.None);
        var message = Assert.Single(await app.Smtp.WaitForAsync(email));
        var signature = message.Headers[HeaderId.DkimSignature] ?? "";
        Assert.Contains("List-Unsubscribe:List-Unsubscribe-Post", string.Concat(signature.Where(c => !char.IsWhiteSpace(c))), StringComparison.OrdinalIgnoreCase);
        Assert.True(await VerifiesAsync(message, new TestKeyLocator(DkimAppFactory.PublicKey)));
    }
}
