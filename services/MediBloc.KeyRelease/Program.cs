using MediBloc.Sdk.Crypto;

namespace MediBloc.Services.KeyRelease;

/// <summary>
/// Runs a key-release service. Configuration from the command line (<c>--RpcUrl http://…</c>) or environment
/// variables prefixed <c>MEDIBLOC_KEYRELEASE_</c>: <c>RpcUrl</c>, <c>EmergencyAccess</c>, <c>Credentials</c>,
/// <c>KeyFile</c> (a file holding the service's private key in hex, readable by the service only),
/// <c>ReleaseWindowMinutes</c> (default 30) and <c>Urls</c> (default <c>http://127.0.0.1:0</c>).
/// </summary>
public static class Program
{
    /// <summary>Starts the service and runs until stopped.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>0 after a clean stop, 2 on a configuration error.</returns>
    public static async Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("MEDIBLOC_KEYRELEASE_").AddCommandLine(args).Build();
        KeyReleaseServiceOptions options;
        try
        {
            options = new KeyReleaseServiceOptions
            {
                RpcUrl = configuration["RpcUrl"] is { } rpc ? new Uri(rpc) : null,
                EmergencyAccessAddress = EvmAddress.TryParse(configuration["EmergencyAccess"], out var emergency) ? emergency : null,
                CredentialsAddress = EvmAddress.TryParse(configuration["Credentials"], out var credentials) ? credentials : null,
                ServiceKey = configuration["KeyFile"] is { } file ? Secp256k1PrivateKey.FromHex(File.ReadAllText(file).Trim()) : null,
                ReleaseWindow = TimeSpan.FromMinutes(double.Parse(configuration["ReleaseWindowMinutes"] ?? "30", System.Globalization.CultureInfo.InvariantCulture)),
                Urls = configuration["Urls"] ?? "http://127.0.0.1:0",
            };
            options.Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or UnauthorizedAccessException or MediBloc.Sdk.InvalidFormatException)
        {
            await Console.Error.WriteLineAsync($"medibloc-keyrelease: {ex.Message}");
            return 2;
        }
        await using var app = KeyReleaseApp.Build(options, args);
        await app.StartAsync();
        await Console.Out.WriteLineAsync($"medibloc-keyrelease: key {options.ServiceKey!.PublicKey} listening on {string.Join(", ", app.Urls)}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
