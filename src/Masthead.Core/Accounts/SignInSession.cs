namespace Masthead.Core.Accounts;

/// <summary>
/// One newsroom sign-in, kept on the server so it can be ended for good: signing out, deactivation and an admin's
/// "sign out everywhere" end it on every node at once, whatever copy of the cookie is still around.
/// </summary>
public sealed class SignInSession
{
    /// <summary>128 random bits in hex, carried in the session cookie's claims.</summary>
    public string Id { get; set; } = "";
    public int UserId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}
