using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Newsletters;
using Masthead.Tests.Cluster;
using Masthead.Tests.Members;
using Masthead.Tests.Support;
using Masthead.Web.Newsletters;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// Two nodes on one PostgreSQL database work the newsletter queue at the same moment, pass after pass, as their
/// background senders would: every member gets the story exactly once, whichever node sent it, and the send's counts
/// add up. The mail goes to one real SMTP server on loopback.
/// </summary>
public sealed class TwoNodeSendTests
{
    /// <summary>A second node: the first one's database, data folder and mail server.</summary>
    private sealed class SecondNode(MailAppFactory first) : MastheadAppFactory(first.DataDirectory, first.ConnectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in first.Smtp.Settings) builder.UseSetting(key, value);
        }

        public Task<int> SendNewslettersAsync() =>
            Services.GetRequiredService<NewsletterSender>().RunOnceAsync(CancellationToken.None);
    }

    [PostgresFact]
    public async Task Two_nodes_sending_at_once_send_each_member_one_copy()
    {
        var a = new MembersAppFactory();
        await a.InitializeAsync();
        var b = new SecondNode(a) { KeepDataOnDispose = true };
        try
        {
            await b.InitializeAsync();
            var newsletter = await a.NewsletterAsync($"Evening {Guid.NewGuid():N}");
            var readers = await a.SubscribedMembersAsync(newsletter, 40);
            var story = await a.StoryAsync("Both nodes hear the night buses are back");
            var editor = await a.NewsroomAsAsync(Role.Editor);
            var published = await editor.SubmitAsync($"/newsroom/stories/{story.Id}", "form#story-form",
                new() { ["SendAsEmail"] = "true", ["NewsletterId"] = newsletter.Id.ToString() }, button: "action=publish");
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

            var (byA, byB) = (0, 0);
            for (var pass = 0; a.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id).State) != SendState.Sent; pass++)
            {
                Assert.True(pass < 200, "The send never finished.");
                var sent = await Task.WhenAll(a.SendNewslettersAsync(), b.SendNewslettersAsync());
                (byA, byB) = (byA + sent[0], byB + sent[1]);
            }

            Assert.Equal(readers.Count, byA + byB);
            foreach (var email in readers)
                Assert.Equal("Both nodes hear the night buses are back", Assert.Single(await a.Smtp.WaitForAsync(email)).Subject);
            var send = a.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id));
            Assert.Equal((readers.Count, readers.Count, 0), (send.Total, send.SentCount, send.FailedCount));
            Assert.Equal(readers.Count, a.WithDb(db => db.NewsletterRecipients.Count(r => r.SendId == send.Id && r.State == RecipientState.Sent)));
        }
        finally
        {
            await ((IAsyncLifetime)b).DisposeAsync();
            await ((IAsyncLifetime)a).DisposeAsync();
        }
    }
}
