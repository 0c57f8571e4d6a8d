using Masthead.Core.Media;

namespace Masthead.Web.Newsroom.Settings;

/// <summary>A picture from the media library as the settings form offers it: a small preview and what describes it.</summary>
public sealed record LibraryPicture(int Id, string StorageKey, string Url, string Preview, string FileName, string Alt, int Width, int Height)
{
    public static LibraryPicture From(MediaItem m)
    {
        var picture = MediaRef.From(m);
        // The whole picture, never a crop: a logo cut to a square would not be the logo readers see.
        var preview = MediaUrls.For(picture, m.Fallback.ToImageFormat(), MediaVariants.WidthsFor(m.Width)[0]);
        return new LibraryPicture(m.Id, m.StorageKey, MediaUrls.Default(picture), preview, m.FileName, m.Alt, m.Width, m.Height);
    }

    /// <summary>What a person reads for the picture: its alt text, or its file name when it has none.</summary>
    public string Name => string.IsNullOrWhiteSpace(Alt) ? FileName : Alt;
}

/// <summary>
/// One of the publication's pictures (the logo, the default social image) on the settings form: which of the
/// choices is taken, the address for a picture hosted elsewhere, and the pictures offered from the library.
/// </summary>
/// <param name="Key">Short name for element ids: "logo" or "social".</param>
/// <param name="Field">The field's key in the validation messages ("logoUrl"), shared with <c>SaveSettings</c>.</param>
/// <param name="Property">The form's property names start with this: LogoPicture, LogoUrl, LogoFile.</param>
/// <param name="Choice"><see cref="None"/>, <see cref="Address"/>, or a library picture's id.</param>
public sealed record PictureSetting(
    string Key, string Field, string Property, string AddressProperty, string Legend, string Noun, string Hint,
    string? Choice, string? AddressValue, IReadOnlyList<LibraryPicture> Offered, string? Error)
{
    public const string None = "none";
    public const string Address = "address";

    public string ChoiceName => $"Form.{Property}Picture";
    public string AddressName => $"Form.{AddressProperty}";
    public string FileName => $"Form.{Property}File";
    public string HintId => $"{Key}-hint";
    public string ErrorId => ManagementPage.ErrorId(Field);

    /// <summary>The library picture taken, when one is.</summary>
    public LibraryPicture? Chosen => int.TryParse(Choice, out var id) ? Offered.FirstOrDefault(p => p.Id == id) : null;

    public bool IsChecked(string value) => string.Equals(Choice ?? Address, value, StringComparison.Ordinal);

    /// <summary>
    /// The choice that shows a stored address: the library picture it is a size of, when the library still has it,
    /// else "another address", or "none" when nothing is set.
    /// </summary>
    public static string ChoiceFor(string? url, IEnumerable<LibraryPicture> library)
    {
        if (string.IsNullOrWhiteSpace(url)) return None;
        var key = MediaUrls.KeyOf(url);
        return key is not null && library.FirstOrDefault(p => p.StorageKey == key) is { } picture ? picture.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : Address;
    }
}
