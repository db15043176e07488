using System.Numerics;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Contracts.Studies;

/// <summary>An enrolment as its <c>Enrolled</c> event records it.</summary>
/// <param name="StudyId">The study.</param>
/// <param name="Patient">The enrolled patient (public from this event on).</param>
/// <param name="ConsentDigest">SHA-256 of the consent the patient signed for (0x-hex).</param>
/// <param name="Status">The participation's state now (enrolled or withdrawn).</param>
/// <param name="BlockNumber">The enrolment's block.</param>
/// <param name="TransactionHash">The enrolment's transaction.</param>
public sealed record StudyEnrolment(BigInteger StudyId, EvmAddress Patient, string ConsentDigest, StudyParticipationStatus Status, long BlockNumber, string TransactionHash);
