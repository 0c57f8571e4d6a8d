using System.Net;
using Masthead.Core.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>The app on a real loopback port with the demo publication, and Debian's Chromium driven by Playwright.</summary>
public class BrowserApp : MastheadAppFactory
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseAddress { get; private set; } = "";

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Masthead.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Masthead.slnx not found above the test folder.");
        }
    }

    /// <summary>Fetching rules and video stills change nothing a first start writes, nor does a theme.</summary>
    protected override bool StartsFromFirstStartCopy => true;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Pictures pasted from "other sites" come from a test site on loopback.
        builder.UseSetting("Masthead:Media:FetchAllowedNetworks:0", "127.0.0.0/8");
        // So do YouTube's video stills: the tests cannot reach YouTube.
        builder.UseSetting("Masthead:Media:YouTubeThumbnailUrl", Stills.Template);
    }

    /// <summary>The video stills stories' YouTube embeds are given (<see cref="VideoStillSite.Available"/> says which).</summary>
    public VideoStillSite Stills { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Stills = await VideoStillSite.StartAsync(NetVips.Image.Black(480, 360, bands: 3).Linear(new double[] { 1, 1, 1 }, new double[] { 40, 90, 160 })
            .Cast(NetVips.Enums.BandFormat.Uchar).WriteToBuffer(".jpg"));
        ExpectLog("Overriding address(es) 'http://localhost:5000'"); // Kestrel listens where the test says, not on appsettings.json's Urls
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0)); // port 0: any free port
        StartServer();
        BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MASTHEAD_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // No sandbox as root; no background traffic to Google's services on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> OpenAsync(string path, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, BypassCSP = bypassCsp });
        var response = await page.GotoAsync(BaseAddress + path, new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        return page;
    }

    /// <summary>A new person with the role, signed in through the sign-in form in a browser context of their own.</summary>
    /// <remarks>The context bypasses CSP so axe-core can be injected; Masthead's pages forbid injected scripts, as they should.</remarks>
    /// <param name="bypassCsp">False to run the page under the site's real Content-Security-Policy (axe's injected script needs it bypassed).</param>
    public async Task<IPage> SignedInAsync(Role role, string name, int width = 1280, int height = 900, bool linkAuthor = true, bool bypassCsp = true)
    {
        var email = await NewUserAsync(role, name, linkAuthor);
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BypassCSP = bypassCsp });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseAddress + "/newsroom/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", MastheadAppFactory.TestPassword);
        await page.ClickAsync("form.nr-form button[type=submit]");
        await page.WaitForURLAsync(BaseAddress + "/newsroom");
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        if (Stills is not null) await Stills.DisposeAsync();
    }
}
