namespace MediBloc.Samples.Quickstart;

/// <summary>The facts of one quickstart run; printed as the last line with <c>--json</c>.</summary>
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
    bool EmbeddedDevnet);
