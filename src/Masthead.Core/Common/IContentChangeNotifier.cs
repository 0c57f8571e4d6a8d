namespace Masthead.Core.Common;

/// <summary>Told after any change readers can see, so caches (and anyone else listening) can drop exactly what it touched.</summary>
public interface IContentChangeNotifier
{
    Task ContentChangedAsync(ContentChange change, CancellationToken ct);

    /// <summary>Something changed that may show on every page (navigation, a section, an author's name…).</summary>
    Task ContentChangedAsync(CancellationToken ct) => ContentChangedAsync(ContentChange.Everything, ct);
}
