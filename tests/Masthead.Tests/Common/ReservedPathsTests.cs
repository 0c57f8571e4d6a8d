using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Common;

/// <summary>No section or page can take an address the application answers itself (feeds, sitemaps, robots.txt, APIs…).</summary>
public class ReservedPathsTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public void EveryFixedFirstSegmentTheAppRoutes_IsReservedOrCannotBeASlug()
    {
        var firstSegments = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.PathSegments.FirstOrDefault())
            .Where(s => s is { IsSimple: true } && s.Parts[0] is RoutePatternLiteralPart)
            .Select(s => ((RoutePatternLiteralPart)s!.Parts[0]).Content)
            .Distinct().ToList();
        Assert.Contains("sitemaps", firstSegments);
        Assert.Contains("feed.xml", firstSegments);
        Assert.Contains("robots.txt", firstSegments);
        // A slug has no dot, so "feed.xml" can never be a section; every other segment must be on the reserved list.
        Assert.All(firstSegments, segment => Assert.True(ReservedPaths.IsReserved(segment) || !Slug.IsValid(segment),
            $"/{segment} is routed by the application but a section or page could take it too: add it to ReservedPaths."));
    }

    [Theory]
    [InlineData("sitemaps")]
    [InlineData("feed")]
    [InlineData("rss")]
    [InlineData("search")]
    public async Task Sections_CannotTakeAReservedSlug(string slug)
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var response = await editor.PostAsync("/api/admin/sections", ApiJson.Body(new { name = "Clash", slug }));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("reserved", await response.Content.ReadAsStringAsync());
    }
}
