using System.CommandLine;
using MediBloc.Cli.Commands;

namespace MediBloc.Cli;

/// <summary>The <c>medibloc</c> tool's entry point: assembles the root command from the command list.</summary>
public static class Program
{
    /// <summary>Builds the root command with every command of the tool.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("MediBloc tools: keystores, addresses, sealed-record envelopes, content identifiers and FHIR bundles.");
        Command[] commands =
        [
            KeyCommand.Create(),
            SealCommand.Create(),
            OpenCommand.Create(),
            CidCommand.Create(),
            FhirCommand.Create(),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
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
            error.WriteLine($"medibloc: {parse.Errors[0].Message} (see medibloc --help)");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
