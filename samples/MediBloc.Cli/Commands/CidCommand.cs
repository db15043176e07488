using System.CommandLine;
using MediBloc.Sdk.Storage;

namespace MediBloc.Cli.Commands;

/// <summary>
/// <c>medibloc cid FILE</c>: prints the CID <c>ipfs add</c> would print for a file, computed locally in constant
/// memory (nothing is uploaded). <c>--cid-version 1</c> gives the CIDv1 with raw leaves,
/// <c>--cid-version 1 --raw-leaves false</c> the CIDv1 with dag-pb leaves. The CID is the last line of the output.
/// </summary>
[Framework.CommandGroup(40)]
public static class CidCommand
{
    /// <summary>Creates the <c>cid</c> command.</summary>
    /// <returns>The command, to add to the root command.</returns>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The file to address." };
        var cidVersion = new Option<int>("--cid-version")
        {
            Description = "The CID version: 0 (Qm…, the ipfs add default) or 1 (base32, raw leaves unless --raw-leaves false).",
            DefaultValueFactory = _ => 0,
        };
        cidVersion.AcceptOnlyFromAmong("0", "1");
        var rawLeaves = new Option<bool?>("--raw-leaves")
        {
            Description = "Whether leaves are raw blocks (default: true for CIDv1, false for CIDv0), as ipfs add --raw-leaves.",
        };

        var command = new Command("cid", "Print the CID ipfs add gives a file, computed locally.") { file, cidVersion, rawLeaves };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(file),
            new UnixFsOptions { CidVersion = parseResult.GetValue(cidVersion), RawLeaves = parseResult.GetValue(rawLeaves) },
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Computes and prints a file's CID.</summary>
    /// <param name="file">The file.</param>
    /// <param name="options">The <c>ipfs add</c> options to match.</param>
    /// <param name="output">Receives the CID, on one line.</param>
    /// <param name="error">Receives a message when the file cannot be read.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The exit code: 0, or 1 when the file cannot be read.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public static async Task<int> RunAsync(FileInfo file, UnixFsOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                var cid = await UnixFsBuilder.ComputeAsync(stream, options, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(cid.ToString()).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read '{file.FullName}': {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
