using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Masthead.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// A newsletter to 10,000 members from a real Masthead process that is killed (SIGKILL, no chance to tidy up) halfway
/// through and started again on the same database, with a real SMTP server on loopback counting every copy.
/// What must hold: nobody gets two copies; everybody else gets theirs; the only copy that may be missing is the one the
/// node was handing over when it died, and that one is recorded as "may have been delivered".
/// </summary>
public sealed partial class KilledSenderTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 10_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(15); // a failure's limit, not a speed target

    private readonly string _data = Directory.CreateTempSubdirectory("masthead-killed-sender-").FullName;
    private string _connectionString = "";
    private Process? _sink;
    private int _smtpPort;
    private string RecipientLog => Path.Combine(_data, "recipients.log");

    public async Task InitializeAsync()
    {
        _connectionString = TestDatabase.NewConnectionString(_data);
        _smtpPort = FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])[Path.Combine(S3TestServer.RepositoryRoot(), "eng", "smtp_sink.py"), _smtpPort.ToString(), Path.Combine(_data, "sink.json"), RecipientLog])
            start.ArgumentList.Add(a);
        _sink = Process.Start(start)!;
        _sink.BeginErrorReadLine();
        _sink.BeginOutputReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _smtpPort);
                return;
            }
            catch (SocketException) when (waited.Elapsed < Patience && !_sink.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_sink is { } sink)
        {
            try { sink.Kill(); sink.WaitForExit(10_000); } catch (InvalidOperationException) { }
            sink.Dispose();
        }
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Ten_thousand_members_each_get_one_copy_though_the_sending_node_is_killed_halfway()
    {
        var node = StartNode();
        try
        {
            await WaitAsync(() => Task.FromResult(Listening(node) is not null), node, "the node to start");
            await WaitAsync(async () => await ScalarAsync("""SELECT COUNT(*) FROM "Articles" WHERE "Status" = 'Published'""") > 0, node, "the demo to load");
            // The first start migrated and loaded the demo; 10,000 members who chose one newsletter, written directly.
            var now = TestDatabase.IsPostgres ? "'2026-12-07 12:00:00+00'" : "'2026-12-07 12:00:00'";
            var no = TestDatabase.IsPostgres ? "false" : "0";
            await SqlAsync($"""
                INSERT INTO "Newsletters" ("Name", "Description", "SenderName", "SenderEmail", "DefaultForNewMembers", "CreatedAt")
                VALUES ('Crash Daily', 'For the crash test.', 'Crash Daily', 'letters@quire.example', {no}, {now})
                """);
            await SqlAsync($"""
                INSERT INTO "Members" ("Email", "Name", "Status", "CreatedAt", "ConsentSource", "PublicKey", "SecurityStamp")
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Members})
                SELECT 'reader' || i || '@crash.example', 'Reader ' || i, 'Active', {now}, 'crash-test', 'key' || i, 'stamp' || i FROM n
                """);
            await SqlAsync($"""
                INSERT INTO "NewsletterSubscriptions" ("MemberId", "NewsletterId", "SubscribedAt")
                SELECT m."Id", l."Id", {now} FROM "Members" m, "Newsletters" l WHERE l."Name" = 'Crash Daily' AND m."ConsentSource" = 'crash-test'
                """);
            // A published demo story, queued as the newsletter, as the publish step does.
            await SqlAsync($"""
                INSERT INTO "NewsletterSends" ("NewsletterId", "ArticleId", "State", "RequestedAt", "RequestedBy", "RecipientsListed", "Total", "SentCount", "FailedCount")
                SELECT l."Id", (SELECT MIN("Id") FROM "Articles" WHERE "Status" = 'Published'), 'Waiting', {now}, 'crash test', {no}, 0, 0, 0
                FROM "Newsletters" l WHERE l."Name" = 'Crash Daily'
                """);

            // Halfway: SIGKILL, so nothing is tidied up.
            await WaitAsync(() => Task.FromResult(Received().Count >= Members / 2), node, "half the copies to arrive");
            node.Process.Kill(entireProcessTree: true);
            await node.Process.WaitForExitAsync();
            var atKill = Received().Count;
            var inDoubt = await ScalarAsync("""SELECT COUNT(*) FROM "NewsletterRecipients" WHERE "State" = 'Sending'""");
            output.WriteLine($"Killed after {atKill} copies had arrived; {inDoubt} copies were marked as being sent.");
            Assert.InRange(atKill, Members / 2, Members - 1);

            // The dead node's claim would run out after two minutes; the test lets it run out now instead of waiting.
            await SqlAsync("""UPDATE "NewsletterSends" SET "ClaimedUntil" = NULL""");
            node = StartNode();
            await WaitAsync(async () => await ScalarAsync("""SELECT COUNT(*) FROM "NewsletterSends" WHERE "State" = 'Sent'""") == 1, node, "the send to finish");
        }
        finally
        {
            try { node.Process.Kill(entireProcessTree: true); await node.Process.WaitForExitAsync(); } catch (InvalidOperationException) { }
        }

        var received = Received();
        var copies = received.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Assert.Empty(copies.Where(c => c.Value > 1).Select(c => c.Key));
        var sent = await ListAsync("""SELECT m."Email" FROM "NewsletterRecipients" r JOIN "Members" m ON m."Id" = r."MemberId" WHERE r."State" = 'Sent'""");
        var failed = await ListAsync("""SELECT m."Email" || ' ' || r."Error" FROM "NewsletterRecipients" r JOIN "Members" m ON m."Id" = r."MemberId" WHERE r."State" <> 'Sent'""");
        output.WriteLine($"{copies.Count} members received a copy, none twice; {sent.Count} recorded as sent; not sent: {string.Join("; ", failed)}");

        // Every copy recorded as sent arrived. At most one copy is in doubt: the one in flight when the node died (none,
        // if it died between two copies), recorded as "may have been delivered" and not sent again.
        Assert.DoesNotContain(sent, email => !copies.ContainsKey(email));
        Assert.InRange(failed.Count, 0, 1);
        Assert.All(failed, f => Assert.EndsWith(Masthead.Web.Newsletters.NewsletterSender.Interrupted, f));
        Assert.Equal(Members, sent.Count + failed.Count);
        // Everybody else received theirs; the member in doubt has it or not, as the record says "may have".
        var missing = failed.Select(f => f.Split(' ')[0]).Count(email => !copies.ContainsKey(email));
        Assert.Equal(Members - missing, copies.Count);
        Assert.Equal((Members, (long)sent.Count, (long)failed.Count), (await ScalarAsync("""SELECT "Total" FROM "NewsletterSends" """),
            await ScalarAsync("""SELECT "SentCount" FROM "NewsletterSends" """), await ScalarAsync("""SELECT "FailedCount" FROM "NewsletterSends" """)));
    }

    private sealed record Node(Process Process, StringBuilder Output);

    private Node StartNode()
    {
        var (process, text) = MastheadProcess.Start(_data, ["--urls", "http://127.0.0.1:0",
            "--Masthead:BaseUrl", "https://quire.example", "--Masthead:DataPath", _data,
            "--Masthead:Database:Provider", TestDatabase.Provider, "--Masthead:Database:ConnectionString", _connectionString,
            "--Masthead:Smtp:Host", "127.0.0.1", "--Masthead:Smtp:Port", _smtpPort.ToString(), "--Masthead:Smtp:EnableSsl", "false",
            "--Masthead:Smtp:From", "newsroom@quire.example", "--Masthead:Newsletters:PollSeconds", "1",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information"]);
        return new Node(process, text);
    }

    private static string? Listening(Node node)
    {
        lock (node.Output) return ListeningLine().Match(node.Output.ToString()) is { Success: true } m ? m.Groups[1].Value : null;
    }

    private static async Task WaitAsync(Func<Task<bool>> done, Node node, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            if (node.Process.HasExited || waited.Elapsed > Patience)
            {
                string log;
                lock (node.Output) log = node.Output.ToString();
                Assert.Fail($"Waited {waited.Elapsed} for {what}; the node {(node.Process.HasExited ? "stopped" : "is still running")}:\n{log}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Each recipient the SMTP server accepted a copy for, one entry per copy.</summary>
    private List<string> Received()
    {
        if (!File.Exists(RecipientLog)) return [];
        using var stream = new FileStream(RecipientLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        // A line still being written has no newline yet: it is counted on the next look.
        var text = reader.ReadToEnd();
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private DbConnection Connection() => TestDatabase.IsPostgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);

    private async Task SqlAsync(string sql)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var connection = Connection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
