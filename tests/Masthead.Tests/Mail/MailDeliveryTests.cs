using Masthead.Tests.Support;
using Masthead.Web.Mail;
using Masthead.Web.Newsroom;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Mail;

/// <summary>Mail through a real SMTP server: what arrives is what Masthead meant to send.</summary>
public sealed class MailDeliveryTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task A_newsletter_style_message_arrives_as_text_and_html_with_one_click_unsubscribe()
    {
        var sender = app.Services.GetRequiredService<MailSender>();
        var to = $"reader-{Guid.NewGuid():N}@test.example";
        await sender.SendAsync(new OutgoingMail(to, "The Quire Daily: swing bridge", "Plain words for plain readers.")
        {
            ToName = "Ottoline Marsh",
            Html = "<p>Words for <strong>HTML</strong> readers.</p>",
            FromName = "The Quire Daily",
            FromAddress = "daily@quire.example",
            ReplyTo = "letters@quire.example",
            Unsubscribe = "https://quire.example/members/unsubscribe?token=abc",
            ListId = "daily.quire.example",
        }, CancellationToken.None);

        var message = Assert.Single(await app.Smtp.WaitForAsync(to));
        Assert.Equal("The Quire Daily: swing bridge", message.Subject);
        Assert.Equal("daily@quire.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("The Quire Daily", message.From.Mailboxes.Single().Name);
        Assert.Equal("letters@quire.example", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Ottoline Marsh", message.To.Mailboxes.Single().Name);
        Assert.Equal("<https://quire.example/members/unsubscribe?token=abc>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("<daily.quire.example>", message.Headers["List-Id"]);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType).ToArray());
        Assert.Contains("Plain words for plain readers.", message.TextBody);
        Assert.Contains("<strong>HTML</strong>", message.HtmlBody);
    }

    [Fact]
    public async Task An_account_link_goes_out_as_plain_text_from_the_configured_sender_without_list_headers()
    {
        var mailer = app.Services.GetRequiredService<AccountMailer>();
        var to = $"editor-{Guid.NewGuid():N}@test.example";
        Assert.True(mailer.CanSend);
        Assert.True(await mailer.SendAsync(to, "Reset your newsroom password", "Follow this link.", "https://quire.example/newsroom/reset-password?token=xyz", CancellationToken.None));

        var message = Assert.Single(await app.Smtp.WaitForAsync(to));
        Assert.Equal("desk@quire.example", message.From.Mailboxes.Single().Address);
        Assert.IsType<TextPart>(message.Body);
        Assert.Equal("Follow this link.\n\nhttps://quire.example/newsroom/reset-password?token=xyz\n", message.TextBody!.Replace("\r\n", "\n"));
        Assert.Null(message.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task A_forgotten_password_form_mails_the_reset_link_through_the_server()
    {
        var email = await app.NewUserAsync(Masthead.Core.Accounts.Role.Contributor);
        var visitor = app.Visitor();
        var response = await visitor.SubmitAsync("/newsroom/forgot-password", "form.nr-form", new() { ["Email"] = email });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        var message = Assert.Single(await app.Smtp.WaitForAsync(email));
        var link = message.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("https://quire.example/newsroom/reset-password?token=", StringComparison.Ordinal));
        var page = await visitor.Http.GetAsync(link.Replace("https://quire.example", ""));
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public void Addresses_are_checked_as_one_plain_address()
    {
        Assert.True(MailMessages.IsAddress("wren@quire.example"));
        Assert.False(MailMessages.IsAddress("Wren <wren@quire.example>"));
        Assert.False(MailMessages.IsAddress("not an address"));
        Assert.False(MailMessages.IsAddress("a@b.example, c@d.example"));
        Assert.False(MailMessages.IsAddress(""));
    }
}
