namespace Masthead.Core.Import;

/// <summary>The file cannot be imported; <see cref="ImportReport.Errors"/> says where and why, and nothing was written.</summary>
public sealed class ImportFailedException(string message) : Exception(message);
