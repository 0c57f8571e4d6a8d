namespace Masthead.Core.Changes;

/// <summary>
/// A running node and how far it has followed the change record. The purge sender reads these before telling the
/// caches in front about a change: a cache purged before every node has evicted its own copy refetches the old page
/// from a node still behind, and would keep it until the next purge.
/// </summary>
public sealed class ClusterNode
{
    /// <summary>Chosen by the node when it starts (a new one each start).</summary>
    public string NodeId { get; set; } = "";
    /// <summary>The machine's name, for an operator reading the table.</summary>
    public string Host { get; set; } = "";
    public DateTime StartedAt { get; set; }
    /// <summary>When the node last said it was alive; a node silent for a while is taken as gone.</summary>
    public DateTime SeenAt { get; set; }
    /// <summary>The newest <see cref="ContentChangeRecord.Id"/> whose pages this node has evicted.</summary>
    public long AppliedChangeId { get; set; }
}
