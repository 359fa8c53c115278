using Attune.Silo.Api;
using Attune.Silo.Catalog;
using Attune.Silo.Connections;
using Attune.Silo.Health;
using Attune.Silo.Hosting;
using Attune.Silo.Ingestion;
using Attune.Silo.Jobs;
using Attune.Silo.Learners;
using Attune.Silo.Plugins;

return await ApplicationRunner.RunAttuneAsync(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Logging.WithoutRequestUrls(); // request lines name the route, never the path or query (learner ids)
    builder.Services.AddAttuneCore();
    builder.UseOrleans(silo => silo.AddAttuneSilo(builder.Configuration));
    builder.Services.AddAttuneApi();
    builder.Services.AddAttuneJobs(builder.Configuration);
    builder.Services.AddAttuneClock(builder.Configuration); // last: it re-registers services that ask for the time

    var app = builder.Build();
    app.UseRequestLog();
    app.UseExceptionHandler(); // unhandled errors become problem+json; a dead silo's grains a 503 with Retry-After
    app.UseStatusCodePages(); // any bodiless error (405, 404 of an unknown route) becomes problem+json
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapAttuneHealth();
    app.MapOpenApi();
    app.MapIngestionApi();
    app.MapCatalogApi();
    app.MapLearnerApi();
    app.MapPluginApi();
    app.MapAdminApi();
    app.MapClockApi();
    app.MapConnectionApi();
    app.MapXapiApi();
    app.MapPushApi();
    app.MapAttuneDashboards();
    return app;
});
