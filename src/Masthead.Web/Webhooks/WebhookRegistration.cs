using Masthead.Core.Webhooks;

namespace Masthead.Web.Webhooks;

public static class WebhookRegistration
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookSubscriptions>();
        services.AddSingleton<IWebhookPayloads, WebhookPayloads>();
        services.AddScoped<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Masthead-Webhooks/1");
                client.Timeout = Timeout.InfiniteTimeSpan; // each request has its own, from Masthead:Webhooks:TimeoutSeconds
            })
            // A redirect could lead a signed delivery somewhere the admin never chose; an internal address is refused
            // at connection time; a receiver's answer is read no further than its status and headers.
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var guard = Hosting.OutboundAddressGuard.From(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.MastheadOptions>>().Value.Webhooks.AllowedNetworks,
                    "Masthead:Webhooks:AllowedNetworks");
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, UseCookies = false, UseProxy = false, MaxResponseHeadersLength = 64,
                    ConnectCallback = guard.ConnectAsync,
                };
            });
        services.AddHostedService<WebhookDeliveryService>();
        return builder;
    }
}
