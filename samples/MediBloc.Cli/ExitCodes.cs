namespace MediBloc.Cli;

/// <summary>The tool's exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The operation failed: unreadable or malformed input, an I/O error.</summary>
    public const int Failed = 1;

    /// <summary>
    /// The command line is wrong: unknown option, missing argument, unset password variable, an <c>--out</c> file
    /// that exists (add <c>--force</c> to replace it), or an <c>--out</c> that is the same file as an input
    /// (after making paths absolute and following symbolic links). Nothing is written.
    /// </summary>
    public const int Usage = 2;

    /// <summary>The password is wrong, or the key is not a recipient of the envelope.</summary>
    public const int AccessDenied = 3;

    /// <summary>The envelope was altered, truncated or forged.</summary>
    public const int IntegrityFailure = 4;
}
