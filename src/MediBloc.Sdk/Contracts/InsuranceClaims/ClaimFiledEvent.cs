using System.Numerics;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>A <c>ClaimFiled</c> event: a member filed a claim under a policy.</summary>
/// <param name="ClaimId">The claim id (0x-hex).</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="Patient">The filing member.</param>
/// <param name="ClaimRecordId">The sealed claim record's id (0x-hex).</param>
/// <param name="EncounterRecordId">The id of the patient's record holding the claim's Encounter (0x-hex).</param>
/// <param name="Payee">Who is to be paid.</param>
/// <param name="Amount">The MED claimed.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="TransactionHash">The filing transaction.</param>
public sealed record ClaimFiledEvent(
    string ClaimId, BigInteger PolicyId, EvmAddress Patient, string ClaimRecordId, string EncounterRecordId, EvmAddress Payee, BigInteger Amount, long BlockNumber, string TransactionHash);
