using Masthead.Core.Import;

namespace Masthead.Web.Import;

/// <summary>An import started from the newsroom: its progress while it runs, its report when done.</summary>
public sealed class ImportJob : IProgress<ImportProgress>
{
    public Guid Id { get; } = Guid.NewGuid();
    public required ImportFormat Format { get; init; }
    public required string FileName { get; init; }
    public required bool DryRun { get; init; }
    public required int StartedBy { get; init; }
    public required DateTime StartedAt { get; init; }
    public volatile ImportProgress Progress = new("waiting", 0, 0);
    public ImportReport? Report { get; set; }
    public string? Crash { get; set; }
    public bool Done => Report is not null || Crash is not null;

    void IProgress<ImportProgress>.Report(ImportProgress value) => Progress = value;
}

/// <summary>
/// Runs newsroom imports in the background, one at a time (an import is one long transaction, and the embedded
/// database has a single writer). The uploaded file is deleted when the job ends; finished jobs are kept in
/// memory for the report until the server restarts.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> log, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ImportJob> _jobs = [];

    public ImportJob? Running { get { lock (_gate) return _jobs.Values.FirstOrDefault(j => !j.Done); } }

    public ImportJob? Find(Guid id) { lock (_gate) return _jobs.GetValueOrDefault(id); }

    /// <returns>The new job, or null while another import is running.</returns>
    public ImportJob? Start(string file, ImportFormat format, string fileName, bool dryRun, IReadOnlyCollection<string>? sections, int userId)
    {
        ImportJob job;
        lock (_gate)
        {
            if (_jobs.Values.Any(j => !j.Done)) return null;
            job = new ImportJob { Format = format, FileName = fileName, DryRun = dryRun, StartedBy = userId, StartedAt = time.GetUtcNow().UtcDateTime };
            _jobs[job.Id] = job;
        }
        _ = Task.Run(async () =>
        {
            ImportReport? report = null;
            string? crash = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var source = format.Open(new ImportFileRequest(file, sections));
                report = await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(source, new ImportOptions(null, dryRun), job, CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogError(e, "The import of {File} stopped", fileName);
                crash = "The import stopped on an unexpected error; nothing was changed. The server log has the details.";
            }
            try { File.Delete(file); } catch (IOException) { }
            // Marked done only once the upload is gone.
            job.Crash = crash;
            job.Report = report;
        });
        return job;
    }
}
