using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.DataMarket;

namespace MediBloc.Sdk.Research;

/// <summary>An open data request that some of a patient's listed records match.</summary>
/// <param name="Request">The request as the chain holds it (price, deadline, places taken).</param>
/// <param name="Criteria">Its criteria document (what it asks for, why, and the researcher's key).</param>
/// <param name="Commitments">The patient's matching records (0x-hex commitments), to pass to <see cref="Roles.Patient.PatientResearchClient.ConsentToDataRequestAsync"/>.</param>
public sealed record MatchingDataRequest(DataRequest Request, DataRequestCriteria Criteria, IReadOnlyList<Commitment> Commitments);
