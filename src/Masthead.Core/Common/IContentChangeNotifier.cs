namespace Masthead.Core.Common;

/// <summary>Told after any change readers can see, so caches can drop what they hold.</summary>
public interface IContentChangeNotifier
{
    Task ContentChangedAsync(CancellationToken ct);
}
