using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Core.Data;

namespace Masthead.Web.AdminApi;

/// <summary>Reads every JSON string without NUL characters (see <see cref="NulScrubber"/>), so a lookup by such a value cannot fail on PostgreSQL either.</summary>
public sealed class NulFreeStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => NulScrubber.Clean(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
