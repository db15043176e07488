using System.CommandLine;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;

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
        catch (UsageException ex)
        {
            return Fail(error, ex.Message, ExitCodes.Usage);
        }
        catch (AccessDeniedException ex)
        {
            return Fail(error, ex.Message, ExitCodes.AccessDenied);
        }
        catch (IntegrityException ex)
        {
            return Fail(error, ex.Message, ExitCodes.IntegrityFailure);
        }
        catch (MediBlocException ex) when (ex.Code == MediBlocErrorCode.WrongPassword)
        {
            return Fail(error, ex.Message, ExitCodes.AccessDenied);
        }
        catch (MediBlocException ex)
        {
            return Fail(error, ex.Message, ExitCodes.Failed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Fail(error, ex.Message, ExitCodes.Failed);
        }
#pragma warning disable CA1031 // The tool's contract is one error line and an exit code, never a stack trace.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail(error, $"unexpected {ex.GetType().Name}: {ex.Message}", ExitCodes.Failed);
        }
#pragma warning restore CA1031
    }

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

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine("medibloc: " + message.ReplaceLineEndings(" "));
        return code;
    }
}

/// <summary>A mistake in how the tool was called.</summary>
internal sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);
