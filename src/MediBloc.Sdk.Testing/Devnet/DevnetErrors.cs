namespace MediBloc.Sdk.Testing;

/// <summary>The error codes of the devnet launcher (<see cref="MediBlocException.Code"/>).</summary>
public static class DevnetErrors
{
    /// <summary>npm or Node.js is missing, the install failed, or a node did not start or answer in time; the message holds the node's last output.</summary>
    public static MediBlocErrorCode DevnetUnavailable { get; } = new("DevnetUnavailable");

    /// <summary>
    /// No anvil is published for this OS and architecture. The devnet runs on linux-x64, linux-arm64, osx-x64, osx-arm64
    /// and win-x64; elsewhere, use <see cref="MediBlocTestEnvironment"/> (in-process, any platform).
    /// </summary>
    public static MediBlocErrorCode UnsupportedPlatform { get; } = new("UnsupportedPlatform");
}
