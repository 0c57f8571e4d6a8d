using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Support;

/// <summary>The app with its mail going to a real SMTP server on loopback (<see cref="SmtpTestServer"/>).</summary>
public class MailAppFactory : MastheadAppFactory
{
    public SmtpTestServer Smtp { get; private set; } = null!;

    // Where mail goes changes nothing a first start writes (and so for the members' factories built on this one).
    protected override bool StartsFromFirstStartCopy => true;

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Smtp.Settings) builder.UseSetting(key, value);
    }

    /// <summary>One pass of the newsletter sender, as a node's background loop would run it; <paramref name="stopAfter"/> stops it early, as a crash would.</summary>
    public async Task<int> SendNewslettersAsync(int? stopAfter = null) =>
        await Services.GetRequiredService<Masthead.Web.Newsletters.NewsletterSender>().RunOnceAsync(CancellationToken.None, stopAfter);

    protected override async ValueTask StopHelpersAsync()
    {
        if (Smtp is not null) await Smtp.DisposeAsync();
    }
}
