using MediBloc.Sdk;

namespace MediBloc.Fuzz;

/// <summary>
/// One fuzz target: a function over untrusted bytes that must end in a documented <see cref="MediBlocException"/>
/// (or succeed) and never in any other exception, a hang or unbounded memory. Any other exception escapes and is a
/// crash for AFL++ and a failure for the regression replay.
/// </summary>
/// <param name="Name">The name <c>fuzz/run</c> takes.</param>
/// <param name="Description">What the target reads.</param>
/// <param name="Run">Runs the target on one input.</param>
public sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run)
{
    /// <summary>Runs <paramref name="action"/> and accepts a <see cref="MediBlocException"/> as the expected refusal.</summary>
    /// <param name="action">The code under test.</param>
    public static void Expect(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (MediBlocException)
        {
            // The documented refusal of hostile input.
        }
    }

    /// <summary>Fails the target (a crash) when a property that must hold does not.</summary>
    /// <param name="condition">The property.</param>
    /// <param name="what">What was violated.</param>
    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new FuzzPropertyException(what);
        }
    }
}

/// <summary>A property of a fuzz target did not hold: a defect, reported as a crash.</summary>
public sealed class FuzzPropertyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FuzzPropertyException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was violated.</param>
    public FuzzPropertyException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was violated.</param>
    /// <param name="innerException">The cause.</param>
    public FuzzPropertyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
