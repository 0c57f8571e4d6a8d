using System.Net;
using System.Text.RegularExpressions;
using Masthead.Core.Newsletters;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Members;

/// <summary>
/// The app with real mail, small member limits, and each client's address taken from a test header (as the forwarded
/// headers middleware would from a known proxy), so per-address limits can be seen.
/// </summary>
public partial class MembersAppFactory : MailAppFactory
{
    public const string ClientHeader = "X-Test-Client-Address";
    public const int PerAddressPerHour = 3;
    public const int PerClientPerMinute = 6;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Members:LinksPerAddressPerHour", PerAddressPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Masthead:Members:RequestsPerClientPerMinute", PerClientPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers[ClientHeader] is [{ } address]) http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return following(http);
            });
            next(app);
        };
    }

    private int _clients;

    /// <summary>A browser-like client (cookies, no redirects followed) from its own client address, so limits do not mix between tests.</summary>
    public HttpClient Browser(string? address = null)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var n = Interlocked.Increment(ref _clients);
        client.DefaultRequestHeaders.Add(ClientHeader, address ?? $"203.0.113.{n % 250 + 1}");
        return client;
    }

    public static string NewAddress() => $"reader-{Guid.NewGuid():N}@test.example";

    /// <summary>The one member link in a message (confirmation or sign-in), as a path on this app.</summary>
    public static string LinkIn(MimeMessage message)
    {
        var match = MemberLink().Match(message.TextBody ?? "");
        Assert.True(match.Success, $"No member link in: {message.TextBody}");
        return match.Value.Replace("https://quire.example", "", StringComparison.Ordinal);
    }

    public async Task<Newsletter> NewsletterAsync(string name, bool isDefault = false)
    {
        var newsletter = new Newsletter
        {
            Name = name, Description = $"{name}, now and then.", SenderName = name, SenderEmail = "letters@quire.example",
            DefaultForNewMembers = isDefault, CreatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        await WithDbAsync(async db =>
        {
            db.Newsletters.Add(newsletter);
            await db.SaveChangesAsync();
        });
        return newsletter;
    }

    [GeneratedRegex(@"https://quire\.example/members/(confirm|sign-in/link)\?token=[A-Za-z0-9%_-]+")]
    private static partial Regex MemberLink();
}
