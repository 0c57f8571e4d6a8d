namespace Masthead.Core.Accounts;

/// <summary>Newsroom roles, each including what the one before it may do.</summary>
public enum Role
{
    Contributor,
    Author,
    Editor,
    Admin,
}
