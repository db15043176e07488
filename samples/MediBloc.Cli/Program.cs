using System.CommandLine;
using System.Reflection;
using MediBloc.Cli.Framework;

namespace MediBloc.Cli;

/// <summary>The <c>medibloc</c> tool's entry point: assembles the root command from the command list.</summary>
public static class Program
{
    /// <summary>Builds the root command with every command of the tool.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("MediBloc on the command line: personal health records on the chain (the embedded chain in a state folder by default, or nodes), keystores, sealed envelopes, CIDs and FHIR bundles.");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        // Every static class marked [CommandGroup] is a top-level command: adding a group is one file.
        var groups = typeof(Program).Assembly.GetTypes()
            .Select(t => (Type: t, Group: t.GetCustomAttribute<CommandGroupAttribute>()))
            .Where(g => g.Group is not null)
            .OrderBy(g => g.Group!.Order)
            .ThenBy(g => g.Type.Name, StringComparer.Ordinal);
        foreach (var (type, _) in groups)
        {
            var create = type.GetMethod("Create", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, Type.EmptyTypes)
                ?? throw new InvalidOperationException($"{type.Name} is a [CommandGroup] without a static Create() method.");
            root.Subcommands.Add((Command)create.Invoke(null, null)!);
        }

        return root;
    }

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the tool with the given output writers (used by tests to run commands in-process).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where normal output goes.</param>
    /// <param name="error">Where the one-line error goes.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"medibloc: {OneLine(parse.Errors[0].Message)} (see medibloc --help)");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Runs the tool with the given output writers and a cancellation token (Ctrl-C in <see cref="Run"/>).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where normal output goes.</param>
    /// <param name="error">Where the one-line error goes.</param>
    /// <param name="cancellationToken">Cancels the command: it exits with <see cref="ExitCodes.Cancelled"/>.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"medibloc: {OneLine(parse.Errors[0].Message)} (see medibloc --help)");
            return Task.FromResult(ExitCodes.Usage);
        }

        return parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    /// <summary>A parser message on one line, as every other failure is (some list the allowed values on lines of their own).</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
