namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>The node does not implement an RPC command (js-ipfs lacks some of Kubo's).</summary>
internal sealed class KuboCommandNotSupportedException(string message) : StorageException(message, MediBlocErrorCode.StorageError);
