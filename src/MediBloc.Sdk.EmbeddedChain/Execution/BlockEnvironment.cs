using System.Numerics;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>The block a transaction executes in.</summary>
internal sealed record BlockEnvironment(long Number, long Timestamp, BigInteger BaseFee, BigInteger GasLimit, BigInteger ChainId, string Coinbase);
