namespace Masthead.Core.Data;

/// <summary>
/// A consistent copy of the whole database taken while nodes keep serving, and putting one back, with the database's
/// own tools: SQLite's online backup API, PostgreSQL's pg_dump and pg_restore. Used by <c>masthead backup</c> and
/// <c>masthead restore</c>; the rest of a backup (the manifest, the media) does not depend on the database.
/// </summary>
public interface IDatabaseSnapshot
{
    /// <summary>How the manifest names the database ("sqlite", "postgres"); a backup is restored only into the same kind.</summary>
    string Kind { get; }

    /// <summary>The snapshot's file name inside a backup folder.</summary>
    string FileName { get; }

    /// <summary>Writes a snapshot of the database to <paramref name="file"/>.</summary>
    Task SaveAsync(string file, CancellationToken ct);

    /// <summary>
    /// Replaces everything in the database (every table, its schema included) with the snapshot in <paramref name="file"/>,
    /// creating the database first if the server has none by that name. The caller migrates afterwards.
    /// </summary>
    Task LoadAsync(string file, CancellationToken ct);
}

/// <summary>A snapshot tool that failed (pg_dump missing or refused, a file SQLite cannot read), in words for an operator.</summary>
public sealed class DatabaseSnapshotException(string message, Exception? inner = null) : Exception(message, inner);
