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

    /// <summary>Documents the multipart body of a picture upload, again without a routing constraint on Content-Type.</summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The picture; its type is judged by content." },
                                ["alt"] = Text("Text alternative for readers who cannot see the picture."),
                                ["caption"] = Text("Shown under the picture."),
                                ["credit"] = Text("Photographer or agency."),
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
