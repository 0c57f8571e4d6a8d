using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Masthead.Web.AdminApi;

public static class OpenApiBodies
{
    /// <summary>
    /// Documents a JSON request body without <c>Accepts</c>, whose content-type constraint would turn a wrong
    /// Content-Type into a routing miss (404) instead of the 415 problem the endpoint gives.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
