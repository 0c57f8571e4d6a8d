namespace Masthead.Core.Articles;

/// <summary>Whether a credit names a person (a photographer, an illustrator) or an organisation (an agency, a studio, an archive).</summary>
public enum CreditKind
{
    Person,
    Organization,
}

/// <summary>The kinds as the admin API and the editor's form write them.</summary>
public static class CreditKindNames
{
    public const string Person = "person";
    public const string Organization = "organization";

    public static string Of(CreditKind kind) => kind == CreditKind.Organization ? Organization : Person;

    /// <summary>"person", or "organization" (also spelt "organisation"); anything else is not a kind.</summary>
    public static CreditKind? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Person => CreditKind.Person,
        Organization or "organisation" => CreditKind.Organization,
        _ => null,
    };

    /// <summary>
    /// The kind of a credit saved without one (API clients from before kinds, imports): a credit linked to an author page
    /// is a person, an unlinked name is taken for an agency, studio or archive, as structured data always took them.
    /// </summary>
    public static CreditKind Presumed(bool linkedToAuthor) => linkedToAuthor ? CreditKind.Person : CreditKind.Organization;
}
