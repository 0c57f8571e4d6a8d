using System.Text.Json;

namespace Masthead.Core.Import.Ghost;

/// <summary>
/// Walks a Ghost export (<c>{"db":[{"meta":…,"data":{"posts":[…],"tags":[…],…}}]}</c>, or the older shape
/// without "db") with <see cref="Utf8JsonReader"/> over a growing window of the file, and hands out each
/// element of each <c>data</c> table as its own small <see cref="JsonDocument"/>. Memory is bounded by the
/// largest single element, not by the file.
/// </summary>
internal sealed class JsonSectionStream(Stream stream) : IDisposable
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;
    private long _dropped;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 256 });
    private readonly List<(string Name, bool Array)> _stack = [];
    private string? _pending;

    /// <summary>Elements of tables that were skipped rather than parsed, by table.</summary>
    public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    public bool SawData { get; private set; }

    public IEnumerable<(string Table, JsonDocument Element)> Elements(Func<string, bool> wanted)
    {
        while (Next(wanted, out var table, out var document)) yield return (table, document!);
    }

    private bool Next(Func<string, bool> wanted, out string table, out JsonDocument? document)
    {
        while (true)
        {
            if (Step(wanted, out table, out document, out var done)) return true;
            if (done) return false;
            Refill();
        }
    }

    private void Refill()
    {
        if (_final) throw new ImportFailedException("The file ends too early (is it truncated?): the JSON stops in the middle of a value.");
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _dropped += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _final = true;
        _end += read;
    }

    private bool Step(Func<string, bool> wanted, out string table, out JsonDocument? document, out bool done)
    {
        table = "";
        document = null;
        done = false;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var beforeConsumed = reader.BytesConsumed;
                if (!reader.Read())
                {
                    Keep(ref reader);
                    if (_final)
                    {
                        if (_stack.Count > 0) throw new ImportFailedException("The file ends too early (is it truncated?): the JSON stops before its last brackets close.");
                        done = true;
                    }
                    return false;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        _pending = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var isArray = reader.TokenType == JsonTokenType.StartArray;
                        var name = _pending ?? "[]";
                        _pending = null;
                        var isMeta = !isArray && name == "meta" && _stack.Count <= 3;
                        var isElement = !isArray && _stack.Count >= 2 && _stack[^1].Array && !_stack[^2].Array && _stack[^2].Name == "data";
                        if (!isArray && name == "data") SawData = true;
                        if (isMeta || isElement)
                        {
                            var key = isMeta ? "meta" : _stack[^1].Name;
                            var complete = isMeta || wanted(key) ? JsonDocument.TryParseValue(ref reader, out document) : reader.TrySkip();
                            if (!complete)
                            {
                                // Not all of it is in the window yet: go back to before its opening brace and read more.
                                _start += (int)beforeConsumed;
                                _state = before;
                                _pending = name == "[]" ? null : name;
                                return false;
                            }
                            if (document is null)
                            {
                                Skipped[key] = Skipped.GetValueOrDefault(key) + 1;
                                break;
                            }
                            Keep(ref reader);
                            table = key;
                            return true;
                        }
                        _stack.Add((name, isArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        _stack.RemoveAt(_stack.Count - 1);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            if (_final && e.Message.Contains("end of data", StringComparison.Ordinal))
                throw new ImportFailedException($"The file ends too early (is it truncated?): the JSON stops at byte {_dropped + _end:N0}, in the middle of a value.");
            throw new ImportFailedException($"The file is not valid JSON near byte {_dropped + _start + reader.BytesConsumed:N0}: {e.Message}");
        }
    }

    private void Keep(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    public void Dispose() => stream.Dispose();
}
