using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Sdk.Research;

/// <summary>A patient's enrolment: the signed enrolment on chain and the records shared with the researcher for research (HRESCH).</summary>
/// <param name="StudyId">The study.</param>
/// <param name="Enrolment">The enrolment transaction.</param>
/// <param name="ConsentDigest">SHA-256 of the consent the patient signed for (0x-hex), as on chain.</param>
/// <param name="Shares">One grant per shared record, to the researcher, purpose HRESCH.</param>
public sealed record StudyEnrolmentResult(BigInteger StudyId, TransactionResult Enrolment, string ConsentDigest, IReadOnlyList<ShareResult> Shares);
