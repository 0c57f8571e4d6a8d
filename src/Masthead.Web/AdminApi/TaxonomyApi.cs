using Masthead.Core.Accounts;
using Masthead.Core.Authors;
using Masthead.Core.Data;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.AdminApi;

/// <summary>/api/admin/sections, /authors and /tags. Everyone may read them; editors and admins may change them.</summary>
public static class TaxonomyApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var sections = api.MapGroup("/sections").WithTags("Sections");
        sections.MapGet("", async (MastheadDbContext db, CancellationToken ct) =>
        {
            var all = await db.Sections.AsNoTracking().OrderBy(s => s.Path).ToListAsync(ct);
            var paths = all.ToDictionary(s => s.Id, s => s.Path);
            return Results.Ok(all.Select(s => SectionDto.From(s, s.ParentId is { } p ? paths[p] : null)).ToList());
        }).WithSummary("All sections, as a flat list ordered by path.");
        sections.MapPost("", async (HttpContext http, SaveSection save, MastheadDbContext db, CancellationToken ct) =>
            await Write<SectionInput, Section>(http, input => save.CreateAsync(input, http.User.ToEditor(), ct), s => ToDto(db, s), s => $"/api/admin/sections/{s.Id}"))
            .AcceptsJson<SectionInput>().WithSummary("Create a section; give parent as a path to nest it.");
        sections.MapPatch("/{id:int}", async (int id, HttpContext http, SaveSection save, MastheadDbContext db, CancellationToken ct) =>
            await Write<SectionInput, Section>(http, input => save.UpdateAsync(id, input, http.User.ToEditor(), ct), s => ToDto(db, s)))
            .AcceptsJson<SectionInput>().WithSummary("Rename, move or reorder a section; its sub-sections move with it.");

        var authors = api.MapGroup("/authors").WithTags("Authors");
        authors.MapGet("", async (MastheadDbContext db, CancellationToken ct) =>
            Results.Ok((await db.Authors.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct)).Select(AuthorDto.From).ToList()));
        authors.MapPost("", async (HttpContext http, SaveAuthor save, CancellationToken ct) =>
            await Write<AuthorInput, Author>(http, input => save.CreateAsync(input, http.User.ToEditor(), ct), AuthorDto.From, a => $"/api/admin/authors/{a.Id}"))
            .AcceptsJson<AuthorInput>();
        authors.MapPatch("/{id:int}", async (int id, HttpContext http, SaveAuthor save, CancellationToken ct) =>
            await Write<AuthorInput, Author>(http, input => save.UpdateAsync(id, input, http.User.ToEditor(), ct), AuthorDto.From))
            .AcceptsJson<AuthorInput>();

        var tags = api.MapGroup("/tags").WithTags("Tags");
        tags.MapGet("", async (MastheadDbContext db, CancellationToken ct) =>
            Results.Ok((await db.Tags.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Select(TagDto.From).ToList()));
        tags.MapPost("", async (HttpContext http, SaveTag save, CancellationToken ct) =>
            await Write<TagInput, Tag>(http, input => save.CreateAsync(input, http.User.ToEditor(), ct), TagDto.From, t => $"/api/admin/tags/{t.Id}"))
            .AcceptsJson<TagInput>();
        tags.MapPatch("/{id:int}", async (int id, HttpContext http, SaveTag save, CancellationToken ct) =>
            await Write<TagInput, Tag>(http, input => save.UpdateAsync(id, input, http.User.ToEditor(), ct), TagDto.From))
            .AcceptsJson<TagInput>();
    }

    private static SectionDto ToDto(MastheadDbContext db, Section s) =>
        SectionDto.From(s, s.ParentId is { } p ? db.Sections.Local.FirstOrDefault(x => x.Id == p)?.Path ?? db.Sections.AsNoTracking().Where(x => x.Id == p).Select(x => x.Path).First() : null);

    private static async Task<IResult> Write<TInput, TEntity>(HttpContext http, Func<TInput, Task<Core.Common.Result<TEntity>>> save,
        Func<TEntity, object> toDto, Func<TEntity, string>? location = null) where TInput : class
    {
        if (!Permissions.CanManageTaxonomy(http.User.ToEditor().Role))
            return JsonBody.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Only editors and admins may change sections, authors and tags.");
        var (input, problem) = await JsonBody.ReadAsync<TInput>(http.Request);
        if (problem is not null) return problem;
        return ApiResults.From(await save(input!), toDto, location);
    }
}
