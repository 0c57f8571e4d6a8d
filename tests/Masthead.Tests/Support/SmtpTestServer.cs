using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Masthead.Tests.Support;

/// <summary>
/// A real SMTP server on a loopback port: Debian's aiosmtpd (python3-aiosmtpd, which ./test.sh installs) run by Debian's
/// python3, storing each message it accepts in a Maildir folder that the test reads back with MimeKit. It adds
/// X-RcptTo with the envelope's recipients, so a test sees who the message really went to.
/// </summary>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;
    private readonly string _folder;

    public int Port { get; }

    private SmtpTestServer(int port)
    {
        Port = port;
        _root = Directory.CreateTempSubdirectory("masthead-smtp-").FullName;
        // A folder that does not exist yet: Python's Maildir makes tmp/, new/ and cur/ only when it creates the folder itself.
        _folder = Path.Combine(_root, "maildir");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // -n: no setuid; the Mailbox handler takes the Maildir folder after "--".
        foreach (var a in (string[])["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", "--", _folder])
            start.ArgumentList.Add(a);
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("/usr/bin/python3 is missing: install python3-aiosmtpd (./test.sh does).", e);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_errors) _errors.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private readonly System.Text.StringBuilder _errors = new();

    public static async Task<SmtpTestServer> StartAsync()
    {
        var server = new SmtpTestServer(FreePort());
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException)
            {
                if (server._process.HasExited)
                    throw new InvalidOperationException($"aiosmtpd stopped while starting (is python3-aiosmtpd installed?):\n{server._errors}");
                if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new InvalidOperationException("aiosmtpd did not start listening in two minutes.");
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The settings that point Masthead's mail at this server.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Masthead:Smtp:Host", "127.0.0.1"), new("Masthead:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Masthead:Smtp:EnableSsl", "false"), new("Masthead:Smtp:From", "desk@quire.example"),
    ];

    /// <summary>Every message received so far (Maildir moves each one into new/ whole, so none is read half-written).</summary>
    public List<MimeMessage> Messages()
    {
        var folder = Path.Combine(_folder, "new");
        if (!Directory.Exists(folder)) return [];
        // In arrival order: Python's Maildir names each file …Q<n>… with a counter it raises for every message it stores
        // (the seconds and microseconds before it are not zero-padded, so names do not sort by time).
        return Directory.GetFiles(folder).OrderBy(file => long.Parse(Arrival().Match(Path.GetFileName(file)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Select(file => MimeMessage.Load(file)).ToList();
    }

    /// <summary>Messages to one address (by envelope recipient).</summary>
    public List<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => (m.Headers["X-RcptTo"] ?? "").Split(", ").Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>Waits until <paramref name="count"/> messages to the address have arrived (mail leaves from a background queue).</summary>
    public async Task<List<MimeMessage>> WaitForAsync(string address, int count = 1)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var found = MessagesTo(address);
            if (found.Count >= count) return found;
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException($"{found.Count} of {count} messages to {address} arrived in two minutes.");
            await Task.Delay(50);
        }
    }

    public int Count => Directory.Exists(Path.Combine(_folder, "new")) ? Directory.GetFiles(Path.Combine(_folder, "new")).Length : 0;

    public ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Q(\d+)")]
    private static partial System.Text.RegularExpressions.Regex Arrival();
}
