using System.Text;
using Masthead.Web.Hosting;
using MimeKit;
using MimeKit.Cryptography;

namespace Masthead.Web.Mail;

/// <summary>
/// DKIM signatures (RFC 6376) with MimeKit's signer, when Masthead:Smtp:Dkim names a domain, a selector and a key:
/// relaxed canonicalization (it survives the whitespace changes relays make) and RSA-SHA256.
/// </summary>
public sealed class DkimSigning
{
    /// <summary>What the signature covers: who it is from and to, what it is, and the unsubscribe headers providers read.</summary>
    private static readonly string[] SignedHeaders =
    [
        "From", "Reply-To", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id",
    ];

    private readonly DkimSigner? _signer;

    public DkimSigning(DkimOptions options)
    {
        if (!options.Enabled) return;
        var pem = !string.IsNullOrWhiteSpace(options.PrivateKey) ? options.PrivateKey : File.ReadAllText(options.PrivateKeyPath!);
        using var key = new MemoryStream(Encoding.ASCII.GetBytes(pem.Trim()));
        _signer = new DkimSigner(key, options.Domain!.Trim(), options.Selector!.Trim(), DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }

    public bool Enabled => _signer is not null;

    public void Sign(MimeMessage message)
    {
        if (_signer is null) return;
        // Encoded for 7-bit transport before signing, so no server on the way has to re-encode (and so break) the body.
        message.Prepare(EncodingConstraint.SevenBit);
        _signer.Sign(message, SignedHeaders.Where(h => message.Headers.Contains(h)).ToList());
    }
}
