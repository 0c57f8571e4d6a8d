namespace Masthead.Core.Common;

public enum Outcome
{
    Ok,
    Created,
    Invalid,
    NotFound,
    Forbidden,
    /// <summary>The caller's copy is stale (If-Match did not match).</summary>
    Stale,
    /// <summary>The thing's present state stands in the way, not the request (a picture still in use cannot be deleted).</summary>
    Conflict,
    /// <summary>What was sent is bigger than the limit for it.</summary>
    TooLarge,
    /// <summary>What was sent is a kind of file that is not taken (judged by its content).</summary>
    UnsupportedType,
    /// <summary>What was sent is of a kind that is taken but cannot be used: damaged, too big in pixels, or not to be fetched.</summary>
    Unprocessable,
}

/// <summary>Field-level validation messages, keyed by the JSON path of the field ("bylines[1]").</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many messages there are, so a check can tell whether it added any.</summary>
    public int Count => _errors.Values.Sum(l => l.Count);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>
/// What a use case answers: a value (Ok, Created), field errors (Invalid), or a refusal in words. A refusal may also
/// carry a <see cref="Code"/>, a stable name for programs to tell refusals of one outcome apart ("too-narrow"), and a
/// <see cref="Title"/>, the same short summary for every refusal with that code; the message says what happened this time.
/// </summary>
public sealed record Result<T>(Outcome Outcome, T? Value = default, ValidationErrors? Errors = null, string? Message = null,
    string? Code = null, string? Title = null)
{
    public static Result<T> Ok(T value) => new(Outcome.Ok, value);
    public static Result<T> Created(T value) => new(Outcome.Created, value);
    public static Result<T> Invalid(ValidationErrors errors) => new(Outcome.Invalid, Errors: errors);
    public static Result<T> Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new(Outcome.Invalid, Errors: errors);
    }
    public static Result<T> NotFound(string message) => new(Outcome.NotFound, Message: message);
    public static Result<T> Forbidden(string message) => new(Outcome.Forbidden, Message: message);
    public static Result<T> Stale(string message) => new(Outcome.Stale, Message: message);

    /// <summary>A refusal with a code for programs and a title for people, for outcomes whose refusals differ in kind.</summary>
    public static Result<T> Refused(Outcome outcome, string code, string title, string message) =>
        outcome is Outcome.Ok or Outcome.Created or Outcome.Invalid
            ? throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Only a refusal has a code; field errors go through Invalid.")
            : new(outcome, Message: message, Code: code, Title: title);

    /// <summary>
    /// Why it was refused, in words for a form or a log: the title before the message when <paramref name="withTitle"/>
    /// and there is one, or the field errors' messages one after another.
    /// </summary>
    public string Refusal(bool withTitle = true) => Message is { } message
        ? withTitle && Title is { } title ? $"{title}: {message}" : message
        : string.Join(" ", Errors?.ToDictionary().SelectMany(e => e.Value) ?? []);
}
