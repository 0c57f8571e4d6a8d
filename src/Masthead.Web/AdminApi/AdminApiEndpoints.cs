using Microsoft.AspNetCore.Authentication;

namespace Masthead.Web.AdminApi;

/// <summary>The JSON admin API under /api/admin, with bearer-token auth and an OpenAPI document at /openapi/v1.json.</summary>
public static class AdminApiEndpoints
{
    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(BearerTokenHandler.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.Scheme, null);
        builder.Services.AddAuthorization();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Masthead admin API";
            document.Info.Description = "Create, edit and publish articles; manage sections, authors, tags and the media library. Authenticate with \"Authorization: Bearer <token>\" (create one with `masthead token create`).";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapAdminApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/admin").RequireAuthorization();
        ArticlesApi.Map(api);
        LiveBlogApi.Map(api);
        TaxonomyApi.Map(api);
        MediaApi.Map(api);
        // Unknown admin routes answer in JSON, not with the public site's 404 page.
        api.Map("/{**rest}", (string rest) => JsonBody.Problem(StatusCodes.Status404NotFound, "Not found", $"There is no admin API endpoint at /api/admin/{rest}."))
            .ExcludeFromDescription();
        return app;
    }
}
