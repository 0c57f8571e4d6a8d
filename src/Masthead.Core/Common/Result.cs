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

public sealed record Result<T>(Outcome Outcome, T? Value = default, ValidationErrors? Errors = null, string? Message = null)
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
}
