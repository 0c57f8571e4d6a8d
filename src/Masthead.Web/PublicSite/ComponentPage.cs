using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IO;

namespace Masthead.Web.PublicSite;

/// <summary>
/// A page made by a Razor component, rendered to static HTML with <see cref="HtmlRenderer"/> into a pooled buffer and sent
/// in one write. Masthead's pages are static components (no framework-bound forms, no interactivity, no streaming), so the
/// framework's endpoint renderer (<c>RazorComponentResult</c>), which first keeps every text fragment of the page in lists
/// of chunks, was more machinery than they use: a quarter of an uncached page's allocations (BENCHMARKS.md, run 7).
/// A theme's replacement components still come in: the renderer creates components through the request's
/// <see cref="IComponentActivator"/>.
/// </summary>
public sealed class ComponentPage<TComponent> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
    where TComponent : IComponent
{
    private readonly RouteValueDictionary _parameters;

    /// <param name="parameters">The component's parameters as an object's properties (an anonymous object).</param>
    public ComponentPage(object parameters) => _parameters = new RouteValueDictionary(parameters);

    public int StatusCode { get; init; } = StatusCodes.Status200OK;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    public string ContentType => "text/html; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        await using var buffer = services.GetRequiredService<RecyclableMemoryStreamManager>().GetStream("page");
        await using (var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>()))
        {
            await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(_parameters));
                // The writer's own buffers are pooled; its writes go to memory, so writing synchronously is fine here.
                using var writer = new HttpResponseStreamWriter(buffer, Encoding.UTF8);
                root.WriteHtmlTo(writer);
            });
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
