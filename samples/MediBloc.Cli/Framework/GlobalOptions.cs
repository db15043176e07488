using System.CommandLine;

namespace MediBloc.Cli.Framework;

/// <summary>The options every command accepts (recursive on the root command).</summary>
internal static class GlobalOptions
{
    /// <summary>The environment variable that names the default state folder.</summary>
    public const string StateVariable = "MEDIBLOC_STATE";

    /// <summary>The environment variable that holds the keystore password.</summary>
    public const string PasswordVariable = "MEDIBLOC_PASSWORD";

    public static Option<string> State { get; } = new("--state")
    {
        Description = $"The state folder (keys, chain journal, deployment, content store, outbox). Default ${StateVariable}, else ./.medibloc.",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json") { Description = "Print the result as one JSON document (stable shapes, see the README).", Recursive = true };

    public static Option<string> As { get; } = new("--as") { Description = "Act as the named key of the state folder (see key new --name).", Recursive = true };

    public static Option<string> Key { get; } = new("--key") { Description = $"Act as the key in this keystore file (password from ${PasswordVariable} or a prompt).", Recursive = true };

    public static Option<string> Rpc { get; } = new("--rpc") { Description = "Run on a node: its EVM JSON-RPC URL (with --ipfs and --deployment). Default: the embedded chain in the state folder.", Recursive = true };

    public static Option<string> Ipfs { get; } = new("--ipfs") { Description = "The IPFS Kubo RPC URL (with --rpc).", Recursive = true };

    public static Option<string> Deployment { get; } = new("--deployment") { Description = "The deployment JSON file (a serialised MediBlocDeployment) of the contracts on --rpc.", Recursive = true };

    public static IEnumerable<Option> All => [State, Json, As, Key, Rpc, Ipfs, Deployment];

    /// <summary>An absolute http(s) URL given to <paramref name="option"/>, or <see langword="null"/> when the option is absent.</summary>
    public static Uri? Url(ParseResult parse, Option<string> option) =>
        parse.GetValue(option) is not { } text ? null
            : Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url
            : throw new Commands.UsageException($"{option.Name} needs an absolute http(s) URL, not '{text}'.");

    /// <summary>The state folder the command line asks for.</summary>
    public static string StateFolder(ParseResult parse) =>
        Path.GetFullPath(parse.GetValue(State) is { Length: > 0 } state ? state
            : Environment.GetEnvironmentVariable(StateVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : ".medibloc");
}
