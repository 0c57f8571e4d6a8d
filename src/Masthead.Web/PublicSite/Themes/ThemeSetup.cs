using Microsoft.AspNetCore.Components;

namespace Masthead.Web.PublicSite.Themes;

/// <summary>Chooses the theme at start (an unknown one stops the start) and serves its stylesheet.</summary>
public static class ThemeSetup
{
    public static WebApplicationBuilder AddTheme(this WebApplicationBuilder builder)
    {
        var theme = ThemeCatalog.Choose(builder.Configuration["Masthead:Theme"], AppContext.BaseDirectory);
        builder.Services.AddSingleton(theme);
        if (!theme.IsNone) builder.Services.AddScoped<IComponentActivator>(services => new ThemedComponentActivator(theme, services));
        return builder;
    }

    /// <summary>The theme's stylesheet, on the site's own origin, cached and evicted like the pages that link it.</summary>
    public static void MapThemeStylesheet(this IEndpointRouteBuilder site, ActiveTheme theme)
    {
        if (theme.Stylesheet is not { } css) return;
        site.MapGet($"/themes/{theme.Name!.ToLowerInvariant()}.css", () => Results.Text(css, "text/css; charset=utf-8"));
    }
}
