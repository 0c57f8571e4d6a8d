using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Support;

/// <summary>
/// A real S3-compatible server (s3rver, an npm package that keeps buckets in a folder) on a loopback port, with one
/// bucket made at start. ./test.sh installs it (npm ci in tests/s3-server); it logs each request it answers, which
/// lets a test count the uploads it received.
/// </summary>
public sealed partial class S3TestServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _folder;

    public string ServiceUrl { get; private set; } = "";
    public string Bucket { get; }

    private S3TestServer(string bucket)
    {
        Bucket = bucket;
        _folder = Directory.CreateTempSubdirectory("masthead-s3-").FullName;
        var script = Path.Combine(RepositoryRoot(), "tests", "s3-server", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"{script} is missing: run npm ci in tests/s3-server (./test.sh does).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[script, "-d", _folder, "-a", "127.0.0.1", "-p", "0", "--configure-bucket", bucket]) start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<S3TestServer> StartAsync(string bucket = "masthead-media")
    {
        var server = new S3TestServer(bucket);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var log = server.Log;
            if (Listening().Match(log) is { Success: true } found)
            {
                server.ServiceUrl = "http://127.0.0.1:" + found.Groups[1].Value;
                return server;
            }
            if (server._process.HasExited) throw new InvalidOperationException($"s3rver stopped while starting:\n{log}");
            if (waited.Elapsed > TimeSpan.FromMinutes(5)) throw new InvalidOperationException($"s3rver did not start in five minutes:\n{log}");
            await Task.Delay(50);
        }
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>How many times the server stored an object under this key (it logs each upload it accepts).</summary>
    public int StoredCount(string key) => Log.Split('\n').Count(line => line.Contains($"Stored object \"{key}\"", StringComparison.Ordinal));

    /// <summary>Object keys in the bucket under a prefix, read through the S3 API.</summary>
    public async Task<List<string>> KeysAsync(string prefix = "")
    {
        using var client = Masthead.Web.Media.S3MediaStore.CreateClient(new Masthead.Web.Media.S3MediaOptions
        {
            ServiceUrl = ServiceUrl, Bucket = Bucket, AccessKey = AccessKey, SecretKey = SecretKey,
        });
        var keys = new List<string>();
        var request = new Amazon.S3.Model.ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        while (true)
        {
            var page = await client.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            if (page.IsTruncated != true) return keys.Order(StringComparer.Ordinal).ToList();
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>The settings that point Masthead's media store at this server.</summary>
    public IEnumerable<string> Arguments(string prefix = "") =>
    [
        "--Masthead:Media:Storage", "S3", "--Masthead:Media:S3:ServiceUrl", ServiceUrl, "--Masthead:Media:S3:Bucket", Bucket,
        "--Masthead:Media:S3:AccessKey", AccessKey, "--Masthead:Media:S3:SecretKey", SecretKey, "--Masthead:Media:S3:Prefix", prefix,
    ];

    /// <summary>Points an in-process app's media store at this server, with the same settings as <see cref="Arguments"/>.</summary>
    public void Configure(IWebHostBuilder builder, string prefix = "")
    {
        var settings = Arguments(prefix).ToList();
        for (var i = 0; i < settings.Count; i += 2) builder.UseSetting(settings[i][2..], settings[i + 1]);
    }

    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Masthead.slnx"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("The repository root (Masthead.slnx) was not found.");
    }

    public ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"S3rver listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
