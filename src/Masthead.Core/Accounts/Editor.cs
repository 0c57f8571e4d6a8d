using Masthead.Core.Articles;
using Masthead.Core.Media;

namespace Masthead.Core.Accounts;

/// <summary>The person (or token) acting, as the use cases see them.</summary>
public sealed record Editor(int UserId, Role Role, string? AuthorSlug, string Name = "")
{
    public bool Owns(Article article) => article.CreatedByUserId == UserId;

    public bool MayEdit(Article article) => Owns(article) || Permissions.CanEditOthersArticles(Role);

    /// <summary>Change the alt text, caption, credit or focal point of a picture, or delete it.</summary>
    public bool MayEdit(MediaItem media) =>
        (UserId > 0 && media.UploadedByUserId == UserId) || Permissions.CanEditOthersMedia(Role);

    public bool MayPublish(Article article) => Permissions.CanPublish(Role, Owns(article));

    /// <summary>The command line and the demo loader act with full rights.</summary>
    public static Editor System { get; } = new(0, Role.Admin, null, "Masthead");
}
