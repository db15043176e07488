namespace MediBloc.Sdk.EmbeddedChain.Rpc;

/// <summary>A JSON-RPC error to return: code, message and optional data.</summary>
internal sealed record RpcFailure(int Code, string Message, object? Data)
{
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int ServerError = -32000;
    public const int ExecutionReverted = 3;

    public static RpcFailure From(Exception exception) => exception switch
    {
        InProcessChainRevertException revert => new(ExecutionReverted, revert.Message, revert.RevertData),
        ChainException chain when chain.Code == InProcessChainErrors.MethodNotSupported => new(MethodNotFound, chain.Message, null),
        ChainException chain when chain.Code == InProcessChainErrors.InvalidParameters => new(InvalidParams, chain.Message, null),
        ChainException chain => new(ServerError, chain.Message, null),
        ArgumentException argument => new(InvalidParams, argument.Message, null),
        FormatException format => new(InvalidParams, "Malformed parameter: " + format.Message, null),
        _ => new(ServerError, "Internal error of the embedded chain: " + exception.GetType().Name, null),
    };
}
