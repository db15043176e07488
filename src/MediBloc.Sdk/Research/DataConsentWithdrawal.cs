using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Research;

/// <summary>What <see cref="Roles.Patient.PatientResearchClient.WithdrawDataRequestConsentAsync"/> did.</summary>
/// <param name="RequestId">The data request.</param>
/// <param name="Commitment">The record's commitment (0x-hex, lowercase).</param>
/// <param name="Withdrawal">The market transaction that withdrew the consent, or <see langword="null"/> when no consent stood any more (withdrawn or rejected before).</param>
public sealed record DataConsentWithdrawal(BigInteger RequestId, Commitment Commitment, TransactionResult? Withdrawal);
