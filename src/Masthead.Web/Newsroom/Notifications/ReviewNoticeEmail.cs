using Masthead.Core.Notifications;
using Masthead.Web.Mail;

namespace Masthead.Web.Newsroom.Notifications;

/// <summary>The words of a review email: what happened, to which story, where to open it, and how to stop these emails.</summary>
public static class ReviewNoticeEmail
{
    public static OutgoingMail Build(ReviewNotice notice, string to, string toName, string headline, string siteName, string baseUrl)
    {
        var story = $"“{headline}”";
        var (subject, what) = notice.Kind switch
        {
            ReviewNoticeKind.Submitted => ($"Review requested: {headline}", $"{notice.ActorName} sent {story} for review."),
            ReviewNoticeKind.ChangesRequested => ($"Changes requested: {headline}", $"{notice.ActorName} sent {story} back to you."),
            ReviewNoticeKind.Approved => ($"Approved: {headline}", $"{notice.ActorName} approved {story}."),
            _ => ($"Published: {headline}", $"{story} is published."),
        };
        var root = baseUrl.TrimEnd('/');
        var text = what
            + (string.IsNullOrWhiteSpace(notice.Comment) ? "" : $"\n\nTheir comment:\n\n{notice.Comment}")
            + $"\n\nOpen it in the newsroom: {root}/newsroom/stories/{notice.ArticleId}"
            + $"\n\n-- \nYou get these emails because you work in the newsroom of {siteName}. Turn them off: {root}/newsroom/account\n";
        return new OutgoingMail(to, subject, text) { ToName = toName };
    }
}
