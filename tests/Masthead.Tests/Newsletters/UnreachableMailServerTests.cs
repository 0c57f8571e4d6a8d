using System.Net;
using System.Net.Sockets;
using Masthead.Core.Accounts;
using Masthead.Core.Members;
using Masthead.Core.Newsletters;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Newsletters;

/// <summary>The app pointed at a loopback port where nothing listens, as when the mail server is down.</summary>
public sealed class DeadMailAppFactory : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // a first start sends no mail

    private static readonly int ClosedPort = ClosedLoopbackPort();

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Masthead:Smtp:Port", ClosedPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Masthead:Smtp:EnableSsl", "false");
    }
}

public sealed class UnreachableMailServerTests(DeadMailAppFactory app) : IClassFixture<DeadMailAppFactory>
{
    [Fact]
    public async Task A_mail_server_that_cannot_be_reached_costs_nobody_their_copy()
    {
        var newsletter = new Newsletter { Name = "Morning", SenderName = "Morning", SenderEmail = "morning@quire.example", CreatedAt = DateTime.UtcNow };
        await app.WithDbAsync(async db =>
        {
            db.Newsletters.Add(newsletter);
            await db.SaveChangesAsync();
            for (var i = 0; i < 3; i++)
            {
                var member = new Member
                {
                    Email = $"reader-{Guid.NewGuid():N}@test.example", Status = MemberStatus.Active, CreatedAt = DateTime.UtcNow, ConsentSource = "test",
                    PublicKey = Guid.NewGuid().ToString("N"), SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                member.Subscriptions.Add(new NewsletterSubscription { NewsletterId = newsletter.Id, SubscribedAt = DateTime.UtcNow });
                db.Members.Add(member);
            }
            await db.SaveChangesAsync();
        });
        var story = await app.StoryAsync("Fog delays the morning ferry");
        await app.PublishAsync(story.Id);
        await app.UseAsync<NewsletterDesk, NewsletterSend>(async d => (await d.RequestSendAsync(story.Id, newsletter.Id, Editor.System, CancellationToken.None)).Value!);

        var sender = (Masthead.Web.Newsletters.NewsletterSender)app.Services.GetService(typeof(Masthead.Web.Newsletters.NewsletterSender))!;
        await Assert.ThrowsAnyAsync<SocketException>(() => sender.RunOnceAsync(CancellationToken.None));

        var send = app.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id));
        Assert.Equal(SendState.Sending, send.State);
        Assert.Null(send.ClaimedUntil); // let go, so the next pass resumes at once
        Assert.Equal(3, send.Total);
        Assert.All(app.WithDb(db => db.NewsletterRecipients.Where(r => r.SendId == send.Id).Select(r => r.State).ToList()),
            state => Assert.Equal(RecipientState.Pending, state));
    }
}
