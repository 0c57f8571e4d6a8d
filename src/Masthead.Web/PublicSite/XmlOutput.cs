using System.Globalization;
using System.Text;
using System.Xml;

namespace Masthead.Web.PublicSite;

/// <summary>Shared rules for the XML documents the public site serves (feeds and sitemaps).</summary>
public static class XmlOutput
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = " ",
        Async = false,
    };

    /// <summary>Writes a document with <paramref name="write"/> and returns its UTF-8 bytes (no byte-order mark).</summary>
    public static byte[] Build(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Drops characters XML 1.0 cannot carry at all (most control characters, lone surrogates). Editors can paste them
    /// into a headline unseen; without this one such character would make the whole feed unreadable.
    /// </summary>
    public static string Clean(string text)
    {
        if (IsClean(text)) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            return false;
        }
        return true;
    }

    /// <summary>W3C / RFC 3339 date-time in UTC, as Atom and sitemaps want it: 2026-11-24T08:30:00Z.</summary>
    public static string W3cDate(DateTime utc) =>
        AsUtc(utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 822 date-time with a four-digit year, as RSS 2.0 wants it: Tue, 24 Nov 2026 08:30:00 +0000.</summary>
    public static string Rfc822Date(DateTime utc) =>
        AsUtc(utc).ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    // Instants are stored in UTC and come back marked so; an unmarked value follows the same convention.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
