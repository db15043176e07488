using System.Net;
using MediBloc.Samples.Web.Node;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web;

/// <summary>Builds the PHR web app: Razor Pages over one <see cref="PhrNode"/>, bound to loopback by default.</summary>
public static class WebApp
{
    /// <summary>Starts the node (chain, store, contracts) and builds the app; call <c>StartAsync</c> on it.</summary>
    public static async Task<WebApplication> CreateAsync(WebAppSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var assembly = typeof(WebApp).Assembly;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.ListenOnAllInterfaces ? IPAddress.Any : IPAddress.Loopback, settings.Port);
            kestrel.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });
        var node = await PhrNode.StartAsync(settings, cancellationToken);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(node);
        builder.Services.AddSingleton<DeviceAccounts>();
        builder.Services.AddSingleton<SessionWallets>();
        builder.Services.AddSingleton<JobBoard>();
        builder.Services.AddSingleton<ShareIndex>();
        builder.Services.AddSingleton<PolicyBook>();
        builder.Services.AddRazorPages().AddApplicationPart(assembly);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() => node.DisposeAsync().AsTask().GetAwaiter().GetResult());
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Frame-Options"] = "DENY";
            headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            headers["Cache-Control"] = "no-store";
            await next(context);
        });
        app.UseExceptionHandler("/Problem");
        app.MapGet("/site.css", () =>
        {
            var stream = assembly.GetManifestResourceStream("MediBloc.Samples.Web.site.css")!;
            return Results.Stream(stream, "text/css");
        });
        app.MapGet("/site.js", () =>
        {
            var stream = assembly.GetManifestResourceStream("MediBloc.Samples.Web.site.js")!;
            return Results.Stream(stream, "text/javascript");
        });
        app.MapRazorPages();
        return app;
    }

    /// <summary>The address the app listens on, once started.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = new Uri(addresses.First());
        return address.Host is "[::]" or "0.0.0.0" ? new UriBuilder(address) { Host = "127.0.0.1" }.Uri : address;
    }
}
