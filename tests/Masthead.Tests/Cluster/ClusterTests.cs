using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Masthead.Tests.Media;
using Masthead.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Masthead.Tests.Cluster;

/// <summary>A test that needs PostgreSQL (several nodes share one database); reported as skipped on SQLite, never passed empty.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres) Skip = "Needs PostgreSQL: several nodes share one database (MASTHEAD_TEST_DB=postgres; ./test.sh runs it).";
    }
}

/// <summary>
/// Three Masthead processes started at the same moment on one empty PostgreSQL database, each with a data folder of its
/// own, as a container platform runs them. One makes the first admin and the demo; a change made through node A shows
/// on every node; a session and an anti-forgery token from A work on B and C. The nodes' catch-up read is set to ten
/// minutes, so only PostgreSQL's push can bring a change across within the test's wait: the lags are printed, and the
/// one-second target is a benchmark's to measure rather than a test's to assert on a shared CI machine. Varnish runs in
/// front of A and B with the shipped VCL, and must show every change too (Masthead purges it by tag). PostgreSQL is the
/// test's own, so it can be restarted under load; node C is killed with SIGKILL during a burst of writes.
/// </summary>
public partial class ClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private sealed record Node(string Name, string Url, Process Process, StringBuilder Output, string DataDirectory);

    /// <summary>Where readers look: every node, and Varnish (with the shipped VCL) in front of A and B.</summary>
    private List<(string Name, string Url)> Readers => [.. _nodes.Select(n => (n.Name, n.Url)), ("Varnish", _varnishUrl)];
    private string _varnishUrl = "";
    private Process? _varnish;
    private readonly StringBuilder _varnishOutput = new();

    private S3TestServer? _s3;
    private PrivatePostgres? _postgres;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<Node> _nodes = [];
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        if (!TestDatabase.IsPostgres) return;
        try
        {
            await StartEverythingAsync();
        }
        catch
        {
            // xunit does not dispose a test class whose start failed: stop what did start, or it outlives the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartEverythingAsync()
    {
        // A server of the test's own, so it can be restarted under the nodes without touching the suite's.
        _postgres = await PrivatePostgres.StartAsync();
        _connectionString = _postgres.ConnectionString("masthead_cluster");
        _s3 = await S3TestServer.StartAsync();
        var migrate = await Cli("migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Errors + migrate.Output);

        // Varnish's port is held open until the moment varnishd starts, so no other test can take it meanwhile; the
        // nodes take any free port (port 0) and say which in their start-up log, so they cannot lose a race for one.
        var varnishReservation = new TcpListener(IPAddress.Loopback, 0);
        varnishReservation.Start();
        var varnishPort = ((IPEndPoint)varnishReservation.LocalEndpoint).Port;
        _varnishUrl = $"http://127.0.0.1:{varnishPort}";
        // All three at once, on an empty database: the first admin and the demo must be made exactly once.
        foreach (var name in new[] { "A", "B", "C" })
        {
            var data = Directory.CreateTempSubdirectory($"masthead-node-{name}-").FullName;
            var (process, text) = MastheadProcess.Start(data, ["--urls", "http://127.0.0.1:0",
                "--Masthead:BaseUrl", "http://quire.cluster.test", "--Masthead:DataPath", data, "--Masthead:Database:Provider", "Postgres",
                "--Masthead:Database:ConnectionString", _connectionString, "--Masthead:Database:MigrateOnStartup", "false",
                "--Masthead:Cluster:CatchUpSeconds", "600", "--Masthead:ContentApi:RequestsPerMinute", "6", "--Masthead:Cache:PurgeUrls:0", _varnishUrl + "/",
                "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information", .. _s3.Arguments()]);
            _nodes.Add(new Node(name, "", process, text, data));
        }
        for (var i = 0; i < _nodes.Count; i++) _nodes[i] = _nodes[i] with { Url = await ListeningOnAsync(_nodes[i]) };
        varnishReservation.Stop();
        StartVarnish(varnishPort, new Uri(_nodes[0].Url).Port, new Uri(_nodes[1].Url).Port);
        using var http = new HttpClient();
        foreach (var (name, url, alive) in _nodes.Select(n => (n.Name, n.Url, (Func<bool>)(() => !n.Process.HasExited)))
            .Append(("Varnish", _varnishUrl, () => !_varnish!.HasExited)))
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                Assert.True(alive(), $"{name} stopped while starting:\n{string.Join("\n", _nodes.Select(n => n.Output))}\n{_varnishOutput}");
                try
                {
                    if ((await http.GetAsync(url + "/")).StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { /* not listening yet */ }
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(5), $"{name} did not answer in five minutes.");
                await Task.Delay(200);
            }
        }
    }

    private static bool DatabaseReady(string readiness) =>
        System.Text.Json.Nodes.JsonNode.Parse(readiness)?["checks"]?["database"]?["status"]?.GetValue<string>() == "healthy";

    /// <summary>A node's output so far; its process appends to it from another thread.</summary>
    private static string LogOf(Node node)
    {
        lock (node.Output) return node.Output.ToString();
    }

    /// <summary>The address a node reports in its "Now listening on:" start-up line.</summary>
    private static async Task<string> ListeningOnAsync(Node node)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            string log;
            lock (node.Output) log = node.Output.ToString();
            if (ListeningLine().Match(log) is { Success: true } found) return found.Groups[1].Value;
            Assert.False(node.Process.HasExited, $"Node {node.Name} stopped while starting:\n{log}");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(5), $"Node {node.Name} did not start listening in five minutes:\n{log}");
            await Task.Delay(100);
        }
    }

    /// <summary>varnishd in the foreground with deploy/varnish/masthead.vcl, its two backends pointed at nodes A and B.</summary>
    private void StartVarnish(int port, int nodeA, int nodeB)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Masthead.slnx"))) root = root.Parent;
        var shipped = File.ReadAllText(Path.Combine(root!.FullName, "deploy", "varnish", "masthead.vcl"));
        var vcl = shipped.Replace(".port = \"5001\";", $".port = \"{nodeA}\";").Replace(".port = \"5002\";", $".port = \"{nodeB}\";");
        Assert.NotEqual(shipped, vcl);
        // Not CreateTempSubdirectory (owner-only): varnishd reads its VCL after dropping root for its own user.
        var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"masthead-varnish-{Guid.NewGuid():N}")).FullName;
        var file = Path.Combine(work, "masthead.vcl");
        File.WriteAllText(file, vcl);

        var start = new ProcessStartInfo(File.Exists("/usr/sbin/varnishd") ? "/usr/sbin/varnishd" : "varnishd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-F", "-a", $"127.0.0.1:{port}", "-f", file, "-n", Path.Combine(work, "state"), "-s", "malloc,64m", "-T", "none"])
            start.ArgumentList.Add(a);
        try
        {
            _varnish = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"varnishd is missing ({e.Message}); ./test.sh installs varnish and varnish-modules.", e);
        }
        _varnish.OutputDataReceived += (_, e) => { lock (_varnishOutput) _varnishOutput.AppendLine(e.Data); };
        _varnish.ErrorDataReceived += (_, e) => { lock (_varnishOutput) _varnishOutput.AppendLine(e.Data); };
        _varnish.BeginOutputReadLine();
        _varnish.BeginErrorReadLine();
    }

    public async Task DisposeAsync()
    {
        if (_s3 is not null) await _s3.DisposeAsync();
        try
        {
            await DisposeProcessesAsync();
        }
        finally
        {
            if (_postgres is not null) await _postgres.DisposeAsync();
        }
    }

    private Task DisposeProcessesAsync()
    {
        if (_varnish is { } varnish)
        {
            try { varnish.Kill(entireProcessTree: true); varnish.WaitForExit(10_000); } catch (InvalidOperationException) { }
            varnish.Dispose();
        }
        foreach (var node in _nodes)
        {
            try { node.Process.Kill(entireProcessTree: true); node.Process.WaitForExit(10_000); } catch (InvalidOperationException) { }
            node.Process.Dispose();
            try { Directory.Delete(node.DataDirectory, recursive: true); } catch (IOException) { }
        }
        return Task.CompletedTask;
    }

    private Task<(int ExitCode, string Output, string Errors)> Cli(params string[] arguments) =>
        ExternalTool.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Masthead.dll"), .. arguments, "--Masthead:DataPath", Path.GetTempPath(),
             "--Masthead:Database:Provider", "Postgres", "--Masthead:Database:ConnectionString", _connectionString, "--Logging:LogLevel:Default", "Warning"],
            [], "The .NET SDK runs the command line.");

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Polls every node for every check at once until each holds (or the test's patience runs out), and prints when each
    /// first held, counted from <paramref name="since"/> (started when the change was acknowledged).
    /// </summary>
    private async Task EverywhereAsync(string what, Stopwatch since, params (string Path, Func<HttpStatusCode, string, bool> Holds)[] checks)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var waits = Readers.SelectMany(reader => checks.Select(async check =>
        {
            while (true)
            {
                var response = await http.GetAsync(reader.Url + check.Path);
                if (check.Holds(response.StatusCode, await response.Content.ReadAsStringAsync())) return (reader.Name, check.Path, since.Elapsed);
                if (since.Elapsed >= Patience)
                    Assert.Fail($"{what}: {reader.Name} still answered {(int)response.StatusCode} for {check.Path} after {Patience.TotalSeconds} s"
                        + $" (X-Cache: {string.Join(',', response.Headers.TryGetValues("X-Cache", out var cache) ? cache : [])}).\n{await ClusterStateAsync()}");
                await Task.Delay(5);
            }
        })).ToList();
        var lags = await Task.WhenAll(waits);
        foreach (var path in checks.Select(c => c.Path))
            output.WriteLine($"{what}, {path}: {string.Join(", ", lags.Where(l => l.Path == path).Select(l => $"{l.Name} {l.Elapsed.TotalMilliseconds:F0} ms"))}");
    }

    /// <summary>For a failure message: the latest changes with their purge state, each node's progress, the nodes' last lines.</summary>
    private async Task<string> ClusterStateAsync()
    {
        var changes = await ScalarAsync<string>("SELECT string_agg(format('change %s at %s: articles [%s] everything %s, purge rounds %s attempts %s purged %s', \"Id\", \"At\", \"ArticleIds\", \"Everything\", \"PurgeRounds\", \"PurgeAttempts\", \"PurgedAt\"), E'\\n') FROM (SELECT * FROM \"ContentChanges\" ORDER BY \"Id\" DESC LIMIT 5) c");
        var nodes = await ScalarAsync<string>("SELECT string_agg(format('node %s started %s seen %s applied %s', \"NodeId\", \"StartedAt\", \"SeenAt\", \"AppliedChangeId\"), E'\\n') FROM \"ClusterNodes\"");
        return $"Now {DateTime.UtcNow:O}\n{changes}\n{nodes}\n"
            + string.Join('\n', _nodes.Select(n => $"{n.Name}'s log (last lines):\n{string.Join('\n', LogOf(n).Split('\n').TakeLast(15))}"))
            + $"\nVarnish:\n{_varnishOutput}";
    }

    private async Task WarmAsync(params string[] paths)
    {
        using var http = new HttpClient();
        foreach (var reader in Readers) foreach (var path in paths) for (var i = 0; i < 2; i++) await http.GetAsync(reader.Url + path);
    }

    [PostgresFact]
    public async Task ThreeNodes_StartedTogether_AreOnePublication()
    {
        // One first admin, announced by exactly the node that made it; the demo loaded once (a second load would have
        // stopped its node on the unique section paths, and every node is up).
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM \"Users\""));
        foreach (var n in _nodes) if (n.Process.HasExited) Assert.Fail($"Node {n.Name} stopped:\n{LogOf(n)}");
        var announced = _nodes.Where(n => n.Output.ToString().Contains("password:")).ToList();
        Assert.Single(announced);
        var printed = announced[0].Output.ToString();
        var email = EmailLine().Match(printed).Groups[1].Value;
        var password = PasswordLine().Match(printed).Groups[1].Value;

        var token = await Cli("token", "create", "--email", email, "--name", "cluster test");
        Assert.True(token.ExitCode == 0, token.Errors);
        using var api = new HttpClient { BaseAddress = new Uri(_nodes[0].Url) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Output.Trim().Split('\n')[^1].Trim());

        // A session and an anti-forgery token made on A are good on B and C (cookies do not mind the port).
        var cookies = new CookieContainer();
        NewsroomClient On(Node node) => new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(node.Url) });
        Assert.Equal(HttpStatusCode.Redirect, (await On(_nodes[0]).SignInAsync(email, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await On(_nodes[1]).Http.GetAsync("/newsroom")).StatusCode);
        var formOnA = (await On(_nodes[0]).GetPageAsync("/newsroom/stories/new")).QuerySelector("#story-form")!;
        var postedOnC = await On(_nodes[2]).PostFormAsync(formOnA, "/newsroom/stories/new",
            new() { ["Form.Headline"] = "Drafted with a token from node A", ["Form.Section"] = "news" }, "action=save");
        Assert.Equal(HttpStatusCode.Redirect, postedOnC.StatusCode);

        var (storyId, storyPath) = (await ScalarAsync<string>(
            "SELECT a.\"Id\" || ' /' || s.\"Path\" || '/' || a.\"Slug\" FROM \"Articles\" a JOIN \"Sections\" s ON s.\"Id\" = a.\"PrimarySectionId\" WHERE a.\"Status\" = 'Published' ORDER BY a.\"Id\" LIMIT 1"))
            .Split(' ') is [var id, var p] ? (int.Parse(id), p) : throw new InvalidOperationException();
        await WarmAsync("/", storyPath, "/feed.xml", "/news", "/cluster-desk");

        // Varnish keeps the warmed pages: what follows is a purge's doing, not a cache that never held anything.
        using (var probe = new HttpClient())
            Assert.Equal("hit", (await probe.GetAsync(_varnishUrl + storyPath)).Headers.GetValues("X-Cache").Single());

        // An edited headline.
        var etag = (await api.GetAsync($"/api/admin/articles/{storyId}")).Headers.ETag!.ToString();
        var edit = new HttpRequestMessage(HttpMethod.Patch, $"/api/admin/articles/{storyId}") { Content = ApiJson.Body(new { headline = "A headline edited on node A" }) };
        edit.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(edit)).StatusCode);
        var clock = Stopwatch.StartNew();
        static bool Shows(string text, HttpStatusCode status, string body) => status == HttpStatusCode.OK && body.Contains(text);
        await EverywhereAsync("edited headline", clock,
            (storyPath, (s, b) => Shows("A headline edited on node A", s, b)), ("/", (s, b) => Shows("A headline edited on node A", s, b)),
            ("/feed.xml", (s, b) => Shows("A headline edited on node A", s, b)));

        // A new story, published.
        var created = await api.PostJsonAsync("/api/admin/articles", new { headline = "Published on node A at last", standfirst = "It reached every node.", section = "news" }, 201);
        await api.PostJsonAsync($"/api/admin/articles/{created["id"]}/publish", new { }, 200);
        clock.Restart();
        await EverywhereAsync("published story", clock, ("/", (s, b) => Shows("Published on node A at last", s, b)),
            ("/news", (s, b) => Shows("Published on node A at last", s, b)), ("/feed.xml", (s, b) => Shows("Published on node A at last", s, b)));

        // A story taken down: gone everywhere, and out of the feed.
        await api.PostJsonAsync($"/api/admin/articles/{storyId}/unpublish", new { }, 200);
        clock.Restart();
        await EverywhereAsync("unpublished story", clock, (storyPath, (s, b) => s is HttpStatusCode.Gone or HttpStatusCode.NotFound),
            ("/feed.xml", (s, b) => s == HttpStatusCode.OK && !b.Contains("A headline edited on node A")),
            ("/", (s, b) => s == HttpStatusCode.OK && !b.Contains("A headline edited on node A")));

        // A Content API key's limit (six a minute here) holds across nodes: two requests on each of three is all there is.
        var contentKey = (await Cli("content-key", "create", "--name", "cluster app")).Output.Trim().Split('\n')[^1].Trim();
        using var app = new HttpClient();
        app.DefaultRequestHeaders.Add("X-Api-Key", contentKey);
        var answers = new List<HttpStatusCode>();
        foreach (var node in _nodes) for (var i = 0; i < 2; i++) answers.Add((await app.GetAsync(node.Url + "/api/content/v1/sections")).StatusCode);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        foreach (var node in _nodes) Assert.Equal(HttpStatusCode.TooManyRequests, (await app.GetAsync(node.Url + "/api/content/v1/sections")).StatusCode);

        // A new section, with a story in it.
        await api.PostJsonAsync("/api/admin/sections", new { name = "Cluster desk" }, 201);
        var inSection = await api.PostJsonAsync("/api/admin/articles", new { headline = "First story on the cluster desk", standfirst = "Filed on A.", section = "cluster-desk" }, 201);
        await api.PostJsonAsync($"/api/admin/articles/{inSection["id"]}/publish", new { }, 200);
        clock.Restart();
        await EverywhereAsync("new section with a story", clock, ("/cluster-desk", (s, b) => Shows("First story on the cluster desk", s, b)));

        // The navigation changed in the newsroom's settings on A: every page's header follows on every node.
        var settings = (await On(_nodes[0]).GetPageAsync("/newsroom/settings")).QuerySelector("#settings-form")!;
        var saved = await On(_nodes[0]).PostFormAsync(settings, "/newsroom/settings",
            new() { ["Form.Navigation[0].Label"] = "The cluster desk", ["Form.Navigation[0].Url"] = "/cluster-desk" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        clock.Restart();
        await EverywhereAsync("navigation", clock, ("/", (s, b) => Shows(">The cluster desk</a>", s, b)), ("/news", (s, b) => Shows(">The cluster desk</a>", s, b)));

        // A picture uploaded on A is in the shared bucket: B, C and Varnish serve it. A crop nobody has asked for yet,
        // asked of every node at once, is made exactly once and is the same picture everywhere.
        var picture = await UploadAsync(api, TestImages.Jpeg(1200, 800), "cluster.jpg");
        var whole = picture["sizes"]![0]!["webp"]!.GetValue<string>();
        clock.Restart();
        await EverywhereAsync("uploaded picture", clock, (whole, (s, _) => s == HttpStatusCode.OK));
        var crop = picture["crops"]!.AsArray().First()!["url"]!.GetValue<string>();
        using (var readers = new HttpClient())
        {
            var copies = await Task.WhenAll(Readers.SelectMany(r => Enumerable.Range(0, 4).Select(_ => readers.GetByteArrayAsync(r.Url + crop))));
            Assert.All(copies, c => Assert.Equal(copies[0], c));
        }
        Assert.Equal(1, _s3!.StoredCount(crop["/media/".Length..]));
        // Every demo picture, made on whichever node loaded the demo, is served by the others.
        using (var reader = new HttpClient())
        {
            var home = await reader.GetStringAsync(_nodes[2].Url + "/");
            var demoPictures = MediaAddress().Matches(home).Select(m => m.Value).Distinct().Take(6).ToList();
            Assert.NotEmpty(demoPictures);
            foreach (var address in demoPictures) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(_nodes[2].Url + address)).StatusCode);
        }

        // PostgreSQL restarted while readers keep coming: the nodes recover without a restart of their own, each
        // listens again for changes, and connections the restart broke (EF's pool, the article page's own) are
        // replaced rather than failing a reader each.
        await RestartDatabaseUnderLoadAsync("/news");
        var afterRestart = await api.PostJsonAsync("/api/admin/articles", new { headline = "Filed after the database restarted", standfirst = "Nodes listen again.", section = "news" }, 201);
        await api.PostJsonAsync($"/api/admin/articles/{afterRestart["id"]}/publish", new { }, 200);
        clock.Restart();
        await EverywhereAsync("published after a restart", clock, ("/news", (s, b) => Shows("Filed after the database restarted", s, b)));

        // Node C killed (SIGKILL) in the middle of a burst of writes made through it: every write it acknowledged is
        // there, and the other nodes and Varnish keep answering.
        using var apiC = new HttpClient { BaseAddress = new Uri(_nodes[2].Url) };
        apiC.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<int>();
        var burst = Enumerable.Range(0, 60).Select(async i =>
        {
            try
            {
                var response = await apiC.PostAsync("/api/admin/articles", ApiJson.Body(new { headline = $"Burst story {i}", section = "news" }));
                if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add((await response.ReadNodeAsync())["id"]!.GetValue<int>());
            }
            catch (HttpRequestException) { /* the node died under it: not acknowledged */ }
            catch (TaskCanceledException) { }
        }).ToList();
        var waited = Stopwatch.StartNew();
        while (acknowledged.Count < 5 && waited.Elapsed < Patience) await Task.Delay(5);
        _nodes[2].Process.Kill();
        await Task.WhenAll(burst);
        output.WriteLine($"kill -9 during a burst: {acknowledged.Count} of 60 writes acknowledged before node C died");
        Assert.NotEmpty(acknowledged);
        foreach (var written in acknowledged) Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/admin/articles/{written}")).StatusCode);
        using var after = new HttpClient();
        foreach (var url in new[] { _nodes[0].Url, _nodes[1].Url, _varnishUrl })
            Assert.Equal(HttpStatusCode.OK, (await after.GetAsync(url + "/")).StatusCode);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> UploadAsync(HttpClient api, byte[] file, string name)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", name);
        var response = await api.PostAsync("/api/admin/media", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    private async Task RestartDatabaseUnderLoadAsync(string uncachedPath)
    {
        using var http = new HttpClient();
        var stop = new CancellationTokenSource();
        var answers = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var load = _nodes.Take(2).Select(async node =>
        {
            while (!stop.IsCancellationRequested)
                try { answers.Add((await http.GetAsync($"{node.Url}{uncachedPath}?page=2", stop.Token)).StatusCode); }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException) { }
        }).ToList();
        await Task.Delay(500);
        var sessions = await ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        await _postgres!.StopAsync();
        await Task.Delay(500);
        await _postgres.StartAgainAsync();
        NpgsqlConnection.ClearAllPools(); // this test's own connections (ScalarAsync), not the nodes'
        output.WriteLine($"restarted PostgreSQL under load ({sessions} node connections open before); answers meanwhile: "
            + string.Join(", ", answers.GroupBy(a => (int)a).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));
        Assert.True(sessions > 0);
        // While it was down, readers got pages or a 503: never a 500.
        Assert.True(!answers.Contains(HttpStatusCode.InternalServerError),
            $"A reader got a 500 while PostgreSQL restarted.\nPostgreSQL's log:\n{_postgres.ServerLog}\n"
            + string.Join('\n', _nodes.Take(2).Select(n => $"{n.Name}'s log (last lines):\n{string.Join('\n', LogOf(n).Split('\n').TakeLast(30))}")));
        // Readiness's database check returns on every node by itself (asked until it does: how soon depends on the
        // machine). The bucket's check is left out: s3rver's listing is not what this restart is about.
        foreach (var node in _nodes.Take(2))
        {
            var attempts = 0;
            HttpResponseMessage ready;
            while (!DatabaseReady(await (ready = await http.GetAsync(node.Url + "/readyz")).Content.ReadAsStringAsync()))
            {
                if (++attempts >= 600)
                    Assert.Fail($"{node.Name} was not ready again after the restart: {await ready.Content.ReadAsStringAsync()}\n"
                        + $"PostgreSQL's log:\n{_postgres.ServerLog}\nThe node's log (last lines):\n{string.Join('\n', LogOf(node).Split('\n').TakeLast(20))}");
                await Task.Delay(100);
            }
        }
        stop.Cancel();
        await Task.WhenAll(load);
        // After the restart, article pages no node has rendered yet (so each is read from the database) answer on each
        // live node, every one: none fails on a connection that died.
        var articles = (await ScalarAsync<string>("SELECT string_agg(p, ' ') FROM (SELECT '/' || s.\"Path\" || '/' || a.\"Slug\" AS p FROM \"Articles\" a JOIN \"Sections\" s ON s.\"Id\" = a.\"PrimarySectionId\" WHERE a.\"Status\" = 'Published' ORDER BY a.\"Id\" LIMIT 12 OFFSET 1) t"))
            .Split(' ');
        foreach (var node in _nodes.Take(2))
            foreach (var article in articles)
            {
                var response = await http.GetAsync(node.Url + article);
                if (response.StatusCode != HttpStatusCode.OK) Assert.Fail($"{node.Name} answered {(int)response.StatusCode} for {article} after the restart:\n{LogOf(node)}");
            }
    }

    [GeneratedRegex(@"/media/[a-z0-9]{16}/\d+\.(?:webp|jpg|avif)")]
    private static partial Regex MediaAddress();

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"email:\s+(\S+)")]
    private static partial Regex EmailLine();

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex PasswordLine();
}
