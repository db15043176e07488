using MediBloc.Sdk.KeyEscrow;

namespace MediBloc.Services.KeyRelease;

/// <summary>
/// The key-release service as an ASP.NET Core app. Endpoints:
/// <list type="bullet">
/// <item><c>GET /key</c>: the service's public key and address (what patients seal shares to).</item>
/// <item><c>POST /release</c>: a <see cref="KeyReleaseRequest"/> (JSON); 200 <c>{"share": base64}</c>, the share
/// sealed to the requester's key, or a refusal <c>{"code", "message"}</c> with 400 (malformed), 403 (refused), 409
/// (the profile changed), 413 (too large) or 503 (the chain cannot be read).</item>
/// </list>
/// The service never sees a profile and holds one share per profile: alone it learns nothing.
/// </summary>
public static class KeyReleaseApp
{
    /// <summary>Builds the app (not started): <c>await app.StartAsync()</c>, then <c>app.Urls</c> holds the bound addresses.</summary>
    /// <param name="options">The service's options; the app owns <see cref="KeyReleaseServiceOptions.ServiceKey"/> from now on and disposes it with the app.</param>
    /// <param name="args">Command-line arguments for the host, if any.</param>
    /// <returns>The app.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are incomplete (<see cref="KeyReleaseServiceOptions.Validate"/>).</exception>
    public static WebApplication Build(KeyReleaseServiceOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.Urls);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ReleaseChecker>();
        var app = builder.Build();

        app.MapGet("/key", (ReleaseChecker checker) => Results.Json(new KeyAnswer(checker.PublicKey.ToString(), checker.PublicKey.Address.ToString())));
        app.MapPost("/release", async (HttpRequest request, ReleaseChecker checker, CancellationToken cancellationToken) =>
        {
            var body = await ReadBoundedAsync(request, cancellationToken);
            if (body is null)
            {
                return Results.Json(new RefusalAnswer("InvalidFormat", $"The request exceeds {KeyReleaseRequest.MaxBytes} bytes."), statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            var outcome = await checker.ReleaseAsync(body, cancellationToken);
            return outcome.Share is { } share
                ? Results.Json(new ShareAnswer(share))
                : Results.Json(new RefusalAnswer(outcome.Code!, outcome.Message!), statusCode: outcome.Status);
        });
        return app;
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > KeyReleaseRequest.MaxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > KeyReleaseRequest.MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private sealed record KeyAnswer(string PublicKey, string Address);

    private sealed record ShareAnswer(string Share);

    private sealed record RefusalAnswer(string Code, string Message);
}
