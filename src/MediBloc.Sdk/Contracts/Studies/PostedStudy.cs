using System.Numerics;

namespace MediBloc.Sdk.Contracts.Studies;

/// <summary>A study posted on chain.</summary>
/// <param name="TransactionHash">The posting transaction.</param>
/// <param name="BlockNumber">Its block.</param>
/// <param name="GasUsed">Its gas.</param>
/// <param name="StudyId">The new study's id.</param>
/// <param name="DocumentCid">The study document's CID (CIDv1 raw over its SHA-256).</param>
public sealed record PostedStudy(string TransactionHash, long BlockNumber, long GasUsed, BigInteger StudyId, string DocumentCid)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
