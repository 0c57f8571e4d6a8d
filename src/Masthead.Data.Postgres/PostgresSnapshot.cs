using System.Diagnostics;
using Masthead.Core.Data;
using Npgsql;

namespace Masthead.Data.Postgres;

/// <summary>
/// pg_dump's custom format (compressed, consistent under one transaction while the nodes serve) and pg_restore. A
/// restore empties the database's public schema first, so tables a later release added cannot survive beside an
/// older snapshot's migration history; it then loads the snapshot in one transaction.
/// </summary>
/// <param name="toolsFolder">Where pg_dump and pg_restore are (Masthead:Database:PostgresTools); empty means the PATH,
/// then the newest /usr/lib/postgresql/*/bin. They must be the server's major version or newer.</param>
public sealed class PostgresSnapshot(string connectionString, string? toolsFolder) : IDatabaseSnapshot
{
    public string Kind => "postgres";
    public string FileName => "database.pgdump";

    public Task SaveAsync(string file, CancellationToken ct) =>
        RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", file], ct);

    public async Task LoadAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file)) throw new DatabaseSnapshotException($"{file} is missing; nothing was restored.");
        // pg_restore reads the archive's table of contents first: a file that is not one is refused before anything changes.
        await RunAsync("pg_restore", ["--list", file], ct);
        await EnsureDatabaseAsync(ct);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var empty = new NpgsqlCommand("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", connection);
            await empty.ExecuteNonQueryAsync(ct);
        }
        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", Settings.Database!, file], ct);
    }

    private NpgsqlConnectionStringBuilder Settings
    {
        get
        {
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            settings.Database ??= settings.Username;
            return settings;
        }
    }

    /// <summary>A new server has no database by the configured name yet: make it (empty), as migrations would.</summary>
    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var target = Settings;
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = target.Database } } };
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        var name = target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var settings = Settings;
        var start = new ProcessStartInfo(FindTool(tool) ?? tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (tool == "pg_dump") start.ArgumentList.Add(settings.Database!);
        // The connection goes by libpq's environment, so the password never shows in a process list.
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = settings.Username;
        start.Environment["PGDATABASE"] = settings.Database;
        if (settings.Password is { } password) start.Environment["PGPASSWORD"] = password;
        start.Environment["PGSSLMODE"] = settings.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DatabaseSnapshotException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DatabaseSnapshotException(
                $"{tool} could not be run ({e.Message}). Install PostgreSQL's client tools (Debian: postgresql-client) of the server's version or newer, or set Masthead:Database:PostgresTools to their folder.", e);
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new DatabaseSnapshotException($"{tool} failed (exit code {process.ExitCode}): {(await errors).Trim()}");
        }
    }

    /// <summary>Where <paramref name="tool"/> (pg_dump, pg_restore) is, or null when it cannot be found.</summary>
    public string? FindTool(string tool)
    {
        if (!string.IsNullOrWhiteSpace(toolsFolder)) return File.Exists(Path.Combine(toolsFolder, tool)) ? Path.Combine(toolsFolder, tool) : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        // Debian keeps each major version's tools in its own folder; the newest reads every older server.
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).FirstOrDefault()
            : null;
        return versioned;
    }
}
