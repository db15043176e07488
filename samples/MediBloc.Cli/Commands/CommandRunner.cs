using System.CommandLine;
using MediBloc.Cli.Framework;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Cli.Commands;

/// <summary>Shared plumbing: one error line and an exit code per failure, and passwords from the environment
/// (outputs are written by <see cref="OutputFile"/>).</summary>
internal static class CommandRunner
{
    /// <summary>Runs a command body, mapping failures to one stderr line and an exit code.</summary>
    internal static int Run(ParseResult parse, Func<TextWriter, int> body)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return body(parse.InvocationConfiguration.Output);
        }
#pragma warning disable CA1031 // The tool's contract is one error line and an exit code, never a stack trace.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return Fail(error, ex);
        }
    }

    /// <summary>
    /// Sets the action of a command that runs on the chain: opens the state folder and the chain (<see cref="CliSession"/>),
    /// runs <paramref name="body"/> with Ctrl-C as its cancellation token, and maps failures to one stderr line and an
    /// exit code (<see cref="ExitCodes.Cancelled"/> when cancelled).
    /// </summary>
    internal static void SetChainAction(Command command, Func<CliSession, CancellationToken, Task<int>> body) => SetChainAction(command, body, configure: null);

    /// <summary>As <see cref="SetChainAction(Command, Func{CliSession, CancellationToken, Task{int}})"/>, with <paramref name="configure"/> adjusting the client's options (for example the batch anchor threshold).</summary>
    internal static void SetChainAction(Command command, Func<CliSession, CancellationToken, Task<int>> body, Action<MediBlocClientOptions>? configure)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = new CliOutput(parse.InvocationConfiguration.Output, error, parse.GetValue(GlobalOptions.Json));
            try
            {
                using var session = await CliSession.OpenAsync(parse, output, cancellationToken, configure).ConfigureAwait(false);
                return await body(session, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                error.WriteLine("medibloc: cancelled; nothing half-written (a publish in progress resumes from the outbox on the next run).");
                return ExitCodes.Cancelled;
            }
#pragma warning disable CA1031 // The tool's contract is one error line and an exit code, never a stack trace.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return Fail(error, ex);
            }
        });
    }

    /// <summary>The exit code of a failure (see <see cref="ExitCodes"/>).</summary>
    internal static int ExitCodeOf(Exception exception) => exception switch
    {
        UsageException => ExitCodes.Usage,
        AccessDeniedException => ExitCodes.AccessDenied,
        IntegrityException => ExitCodes.IntegrityFailure,
        MediBlocException ex when ex.Code == MediBlocErrorCode.WrongPassword || ex.Code == MediBlocErrorCode.NotARecipient || ex.Code == MediBlocErrorCode.AccessDenied => ExitCodes.AccessDenied,
        MediBlocException ex when ex.Code == MediBlocErrorCode.IntegrityCheckFailed => ExitCodes.IntegrityFailure,
        NotFoundException => ExitCodes.NotFound,
        ChainException ex when ex.Code == InProcessChainErrors.JournalCorrupted || ex.Code == InProcessChainErrors.JournalMismatch || ex.Code == InProcessChainErrors.JournalConflict => ExitCodes.StateFailure,
        QuotaExceededException => ExitCodes.QuotaExceeded,
        ChainException => ExitCodes.ChainFailure,
        StorageException => ExitCodes.StorageFailure,
        MediBlocException ex when ex.Code == MediBlocErrorCode.NodeUnavailable => ExitCodes.StorageFailure,
        _ => ExitCodes.Failed,
    };

    /// <summary>Reads a password from the named environment variable.</summary>
    internal static string Password(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? throw new UsageException($"The environment variable {variable} (named by --password-env) is not set or empty.")
            : value;
    }

    /// <summary>Opens a keystore file with the password from the environment.</summary>
    internal static Secp256k1PrivateKey OpenKeyStore(string path, string passwordVariable)
    {
        var password = Password(passwordVariable);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"The keystore {path} does not exist.");
        }

        if (info.Length > Web3KeyStore.MaxFileSize)
        {
            throw new InvalidFormatException($"The keystore {path} is larger than {Web3KeyStore.MaxFileSize} bytes.");
        }

        return Web3KeyStore.Decrypt(File.ReadAllText(path), password);
    }

    private static int Fail(TextWriter error, Exception ex)
    {
        var known = ex is MediBlocException or UsageException or IOException or UnauthorizedAccessException or ArgumentException;
        var message = known ? ex.Message : $"unexpected {ex.GetType().Name}: {ex.Message}";
        error.WriteLine("medibloc: " + message.ReplaceLineEndings(" "));
        return ExitCodeOf(ex);
    }
}

/// <summary>A mistake in how the tool was called.</summary>
internal sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);
