using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Research;

/// <summary>A patient's withdrawal from a study.</summary>
/// <param name="StudyId">The study.</param>
/// <param name="Withdrawal">The withdrawal transaction (the enrolled count drops in it).</param>
/// <param name="RevokedGrantIds">The research grants to the study's researcher revoked with it.</param>
public sealed record StudyWithdrawalResult(BigInteger StudyId, TransactionResult Withdrawal, IReadOnlyList<string> RevokedGrantIds);
