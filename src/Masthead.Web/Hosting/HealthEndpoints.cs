using System.Text.Json;
using Masthead.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.Web.Hosting;

/// <summary>
/// For load balancers and orchestrators: <c>/healthz</c> says the process answers (no dependency is asked), and
/// <c>/readyz</c> says this node can serve: the database answers and has every migration this release expects;
/// otherwise 503 with a short JSON reason. Neither is cached (they are outside the public page group).
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks /readyz runs (and `masthead doctor` reports).</summary>
    public const string Ready = "ready";

    public static IServiceCollection AddMastheadHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReady>("database", tags: [Ready]).AddCheck<MediaStorageReady>("media", tags: [Ready]);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).ExcludeFromDescription();
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), reason = e.Value.Description }),
        }));
    }

    /// <summary>The bucket answers, where pictures are kept in one; a node's own disk needs no asking.</summary>
    private sealed class MediaStorageReady(Masthead.Web.Media.MediaStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (store is not Masthead.Web.Media.S3MediaStore bucket) return HealthCheckResult.Healthy("Pictures are kept in the data folder.");
            try
            {
                await bucket.CheckAsync(ct);
                return HealthCheckResult.Healthy("The media bucket answers.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The media bucket could not be listed: {ex.Message}");
            }
        }
    }

    /// <summary>The database answers, with no migration of this release left to apply.</summary>
    private sealed class DatabaseReady(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
                if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("The database does not answer.");
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                return pending.Count == 0
                    ? HealthCheckResult.Healthy("The database answers and is up to date.")
                    : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet (run masthead migrate), starting with {pending[0]}.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The database could not be asked: {ex.Message}");
            }
        }
    }
}
