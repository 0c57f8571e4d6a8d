using System.Net;
using System.Net.Sockets;

namespace Masthead.Tests.Support;

/// <summary>
/// A PostgreSQL server of a test's own (initdb in a temporary folder, on a free loopback port), so the test can stop
/// and start it as an outage or a restart would, without touching the server the rest of the suite shares. Needs the
/// server binaries (Debian's postgresql package, which ./test.sh installs); runs as the postgres user when root.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    public int Port { get; }
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    private PrivatePostgres(string folder, string bin, int port) => (_folder, _bin, Port) = (folder, bin, port);

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL's server binaries are missing: apt-get install postgresql (./test.sh does).");
        var folder = Directory.CreateTempSubdirectory("masthead-private-pg-").FullName;
        if (Environment.UserName == "root") await RunAsync("chown", ["postgres:postgres", folder]);
        var server = new PrivatePostgres(folder, bin, FreePort());
        await server.AsPostgresAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartAgainAsync();
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>The server's own log, for a failing test to show.</summary>
    public string ServerLog => File.Exists(Path.Combine(_folder, "server.log")) ? File.ReadAllText(Path.Combine(_folder, "server.log")) : "";

    /// <summary>Starts the server (again), on the same port and data.</summary>
    public Task StartAgainAsync() => AsPostgresAsync("pg_ctl",
        ["-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "120",
         "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"]);

    /// <summary>Stops the server as an operator's restart does: every session is told and closed ("fast" shutdown).</summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "-t", "120", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (InvalidOperationException) { } // already stopped
        Directory.Delete(_folder, recursive: true);
    }

    private Task AsPostgresAsync(string tool, string[] arguments) => Environment.UserName == "root"
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var (code, output, errors) = await ExternalTool.RunAsync(program, arguments, [], "./test.sh installs PostgreSQL.");
        if (code != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({code}): {output}{errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
