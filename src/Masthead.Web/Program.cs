using Masthead.Web.AdminApi;
using Masthead.Web.Cli;
using Masthead.Web.ContentApi;
using Masthead.Web.Hosting;
using Masthead.Web.Hosting.Observability;
using Masthead.Web.Media;
using Masthead.Web.Members;
using Masthead.Web.Newsletters;
using Masthead.Web.Newsroom;
using Masthead.Web.PublicSite;
using Masthead.Web.Webhooks;

// `masthead <command> …` runs a command-line task against the same configuration and exits.
var command = CliCommand.Parse(args);
// A published app carries its assets (wwwroot) and settings beside the program: it finds them whatever folder it is
// started from (systemd starts it in its data folder). Built but unpublished, it keeps the default, the current folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command?.ConfigurationArgs ?? args,
    ContentRootPath = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : null,
});
builder.AddMastheadTelemetry();
builder.AddMastheadCore();
builder.AddPublicSite();
builder.AddAdminApi();
builder.AddContentApi();
builder.AddWebhooks();
builder.AddNewsroom();
builder.AddMembers();
builder.Services.AddMastheadHealth();

var app = builder.Build();
if (command is not null)
{
    Environment.ExitCode = await MastheadCli.RunAsync(app, command);
    return;
}

await app.PrepareDatabaseAsync();
app.UseMastheadPipeline();
app.MapHealth();
app.MapAdminApi();
app.MapContentApi();
app.MapNewsroom();
app.MapMembers();
app.MapMailEvents();
app.MapMailTracking();
app.MapDigestPage();
app.MapMediaFiles();
app.MapPublicSite();
app.Run();

public partial class Program;
