namespace Masthead.Core.Accounts;

/// <summary>What each role may do. The one place the permission matrix lives.</summary>
public static class Permissions
{
    public static bool CanWriteArticles(Role role) => true;

    /// <summary>Edit an article someone else created.</summary>
    public static bool CanEditOthersArticles(Role role) => role >= Role.Editor;

    /// <summary>Publish, schedule or unpublish; authors only their own stories.</summary>
    public static bool CanPublish(Role role, bool ownArticle) =>
        role >= Role.Editor || (role == Role.Author && ownArticle);

    /// <summary>Approve a story or send it back with a comment.</summary>
    public static bool CanReview(Role role) => role >= Role.Editor;

    public static bool CanManageTaxonomy(Role role) => role >= Role.Editor;

    /// <summary>Pin stories to the top of the home page and of section pages, and order the pins.</summary>
    public static bool CanCurateFrontPages(Role role) => role >= Role.Editor;

    /// <summary>Add pictures to the media library.</summary>
    public static bool CanUploadMedia(Role role) => true;

    /// <summary>Change or delete a picture someone else uploaded.</summary>
    public static bool CanEditOthersMedia(Role role) => role >= Role.Editor;

    /// <summary>Users, invitations, publication settings and API tokens.</summary>
    public static bool CanManageUsers(Role role) => role >= Role.Admin;

    public static bool CanManageSettings(Role role) => role >= Role.Admin;

    /// <summary>Create and revoke the keys apps use to read the Content API.</summary>
    public static bool CanManageContentApiKeys(Role role) => role >= Role.Admin;

    /// <summary>Subscribe addresses to webhooks, read their delivery log, send a test.</summary>
    public static bool CanManageWebhooks(Role role) => role >= Role.Admin;

    /// <summary>Import a WordPress or Ghost export: it can add and change stories, people and sections wholesale.</summary>
    public static bool CanImport(Role role) => role >= Role.Admin;

    /// <summary>Define newsletters: names, senders, the sections that feed them, which new members get.</summary>
    public static bool CanManageNewsletters(Role role) => role >= Role.Admin;

    /// <summary>See members (addresses, choices, history), search and export them.</summary>
    public static bool CanManageMembers(Role role) => role >= Role.Editor;

    /// <summary>Composing a digest of published stories and sending it to a newsletter's members.</summary>
    public static bool CanSendDigests(Role role) => role >= Role.Editor;

    /// <summary>The site-wide audit log.</summary>
    public static bool CanReadAuditLog(Role role) => role >= Role.Editor;
}
