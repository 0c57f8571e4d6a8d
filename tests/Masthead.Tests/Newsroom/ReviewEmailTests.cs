using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Masthead.Web.Newsroom.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>Review steps are emailed through a real SMTP server: to editors when a story is submitted, to its writer after; each person may turn them off.</summary>
public class ReviewEmailTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    private Task<int> SendAsync() => app.Services.GetRequiredService<ReviewNoticeSender>().RunOnceAsync(CancellationToken.None);

    private (Editor Editor, string Email) Newest()
    {
        var (id, email) = app.NewestUser();
        return (app.EditorFor(id), email);
    }

    [Fact]
    public async Task ASubmittedStory_EmailsTheEditors_AndTheirCommentReachesTheWriter_ButNobodyHearsOfTheirOwnStep()
    {
        await app.NewUserAsync(Role.Admin, "Ada Admin");
        var (_, adminEmail) = Newest();
        await app.NewUserAsync(Role.Author, "Aud Author");
        var (_, authorEmail) = Newest();
        await app.NewUserAsync(Role.Editor, "Edwin Desk");
        var (editor, editorEmail) = Newest();
        await app.NewUserAsync(Role.Contributor, "Corin Writer");
        var (writer, writerEmail) = Newest();
        var story = await app.StoryAsync($"The last ferry of the season {Guid.NewGuid():N}"[..36], writer);

        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.SubmitForReviewAsync(story.Id, null, writer, CancellationToken.None)).Value!);
        await SendAsync();
        var submitted = Assert.Single(await app.Smtp.WaitForAsync(editorEmail));
        Assert.Equal($"Review requested: {story.Headline}", submitted.Subject);
        Assert.Contains($"Corin Writer sent “{story.Headline}” for review.", submitted.TextBody);
        Assert.Contains($"https://quire.example/newsroom/stories/{story.Id}", submitted.TextBody);
        Assert.Single(await app.Smtp.WaitForAsync(adminEmail)); // admins review too
        Assert.Empty(app.Smtp.MessagesTo(authorEmail)); // authors do not
        Assert.Empty(app.Smtp.MessagesTo(writerEmail)); // their own step

        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.RequestChangesAsync(story.Id, "Add the timetable from the harbour office.", null, editor,
            CancellationToken.None)).Value!);
        await SendAsync();
        var back = Assert.Single(await app.Smtp.WaitForAsync(writerEmail));
        Assert.Equal($"Changes requested: {story.Headline}", back.Subject);
        Assert.Contains("Add the timetable from the harbour office.", back.TextBody);
        Assert.Contains("https://quire.example/newsroom/account", back.TextBody);
        Assert.Single(app.Smtp.MessagesTo(editorEmail));

        // Sent once: a second pass owes nothing.
        Assert.Equal(0, await SendAsync());
    }

    [Fact]
    public async Task SomeoneWhoTurnedEmailsOff_OnTheirAccountPage_GetsNone()
    {
        var newsroom = await app.NewsroomAsAsync(Role.Editor, "Quinn Quiet");
        var (_, quietEmail) = Newest();
        var page = await newsroom.GetPageAsync("/newsroom/account");
        Assert.NotNull(page.QuerySelector("#notify[checked]"));
        var saved = await newsroom.PostWithTokenAsync("/newsroom/account", [], tokenFrom: "/newsroom/account");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // The box was left unticked (a browser sends nothing for it), so emails are off.
        Assert.False(app.WithDb(db => db.Users.Single(u => u.Email == quietEmail).NotifyByEmail));

        await app.NewUserAsync(Role.Contributor, "Ros Writer");
        var (writer, _) = Newest();
        var story = await app.StoryAsync($"A quiet submission {Guid.NewGuid():N}"[..30], writer);
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.SubmitForReviewAsync(story.Id, null, writer, CancellationToken.None)).Value!);
        await SendAsync();
        Assert.Empty(app.Smtp.MessagesTo(quietEmail));
        Assert.Equal(0, app.WithDb(db => db.ReviewNotices.Count(n => n.ArticleId == story.Id && n.UserId == db.Users.Single(u => u.Email == quietEmail).Id)));
    }
}
