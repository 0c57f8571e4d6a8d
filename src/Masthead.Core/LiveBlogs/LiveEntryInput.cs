namespace Masthead.Core.LiveBlogs;

/// <summary>What a writer sends for an entry. On an edit, a field left out keeps its value.</summary>
public sealed record LiveEntryInput(string? Body = null, bool? KeyEvent = null);
