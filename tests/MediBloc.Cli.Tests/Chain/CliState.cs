using System.Text.Json;
using MediBloc.Cli;

namespace MediBloc.Cli.Tests.Chain;

/// <summary>A temporary state folder, and the tool run in-process on it: each <see cref="Run"/> is a separate invocation, as separate processes would be.</summary>
internal sealed class CliState : IDisposable
{
    public const string Password = "correct horse battery staple";

    public CliState(params string[] connection)
    {
        Environment.SetEnvironmentVariable("MEDIBLOC_PASSWORD", Password);
        Connection = connection;
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("medibloc-cli-state-").FullName;

    public string StatePath => System.IO.Path.Combine(Folder, "state");

    /// <summary>Extra options on every run (e.g. --rpc/--ipfs/--deployment).</summary>
    public string[] Connection { get; }

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    public (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run([.. args, "--state", StatePath, .. Connection], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed with <c>--json</c> and returns its JSON document.</summary>
    public JsonElement Json(params string[] args)
    {
        var (code, output, error) = Run([.. args, "--json"]);
        Assert.True(code == ExitCodes.Success, $"medibloc {string.Join(' ', args)} exited {code}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>Runs a command that must fail with <paramref name="expected"/>, one stderr line and nothing on stdout.</summary>
    public string Fails(int expected, params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == expected, $"medibloc {string.Join(' ', args)} exited {code}, expected {expected}: {error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("medibloc: ", lines[0], StringComparison.Ordinal);
        Assert.Empty(output);
        return lines[0];
    }

    /// <summary>Creates a named key (cheap scrypt for tests) and returns its address.</summary>
    public string NewKey(string name) => Json("key", "new", "--name", name, "--scrypt-n", "1024").GetProperty("address").GetString()!;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
