namespace MediBloc.Samples.Quickstart;

/// <summary>
/// The facts of one quickstart run; printed as the last line with <c>--json</c>. <c>StartedDevnet</c> tells whether
/// the run started anvil + IPFS itself; <c>Chain</c> is <c>embedded</c> or the node's URL; <c>Store</c> is
/// <c>local</c> or the IPFS node's URL.
/// </summary>
public sealed record QuickstartResult(
    bool Verified,
    string Cid,
    string TxHash,
    long GasUsed,
    long BlockNumber,
    string Commitment,
    string Registry,
    bool TamperDetected,
    int StepsPassed,
    int Steps,
    bool StartedDevnet,
    string Chain,
    string Store);
