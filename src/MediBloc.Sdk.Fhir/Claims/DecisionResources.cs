using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.InsuranceClaims;

namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>The ClaimResponse and ExplanationOfBenefit of a decision, with the adjudication categories of HL7's <c>adjudication</c> code system.</summary>
internal static class DecisionResources
{
    public const string DenialReasonSystem = "https://medibloc.org/fhir/CodeSystem/claim-denial-reason";

    public static ClaimResponse Response(Claim claim, ClaimDenialReason reason, IReadOnlyList<ClaimAdjudicator.ItemResult> items, ClaimAdjudicator.Totals totals, string currency)
    {
        var response = new ClaimResponse
        {
            Id = "response-" + (claim.Id ?? "claim"),
            Status = FinancialResourceStatusCodes.Active,
            Type = (CodeableConcept)claim.Type.DeepCopy(),
            Use = ClaimUseCode.Claim,
            Patient = Ref(claim.Patient),
            Created = claim.Created,
            Insurer = Ref(claim.Insurer),
            Request = new ResourceReference("Claim/" + (claim.Id ?? "claim")),
            Outcome = ClaimProcessingCodes.Complete,
            Disposition = Disposition(reason, totals),
        };
        foreach (var item in items)
        {
            response.Item.Add(new ClaimResponse.ItemComponent { ItemSequence = item.Sequence, Adjudication = [.. ItemAdjudication(item, reason, currency).Select(a => new ClaimResponse.AdjudicationComponent { Category = a.Category, Amount = a.Amount, Reason = a.Reason })] });
        }
        response.Total = [.. Totals(totals, currency).Select(t => new ClaimResponse.TotalComponent { Category = t.Category, Amount = t.Amount })];
        if (reason == ClaimDenialReason.None)
        {
            response.Payment = new ClaimResponse.PaymentComponent { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/ex-paymenttype", "complete"), Amount = Money(totals.Benefit, currency) };
        }
        return response;
    }

    public static ExplanationOfBenefit Explanation(Claim claim, ClaimDenialReason reason, IReadOnlyList<ClaimAdjudicator.ItemResult> items, ClaimAdjudicator.Totals totals, string currency)
    {
        var eob = new ExplanationOfBenefit
        {
            Id = "eob-" + (claim.Id ?? "claim"),
            Status = ExplanationOfBenefit.ExplanationOfBenefitStatus.Active,
            Type = (CodeableConcept)claim.Type.DeepCopy(),
            Use = ClaimUseCode.Claim,
            Patient = Ref(claim.Patient),
            BillablePeriod = (Period?)claim.BillablePeriod?.DeepCopy(),
            Created = claim.Created,
            Insurer = Ref(claim.Insurer),
            Provider = Ref(claim.Provider),
            Claim = new ResourceReference("Claim/" + (claim.Id ?? "claim")),
            ClaimResponse = new ResourceReference("ClaimResponse/response-" + (claim.Id ?? "claim")),
            Outcome = ClaimProcessingCodes.Complete,
            Disposition = Disposition(reason, totals),
            Insurance = [.. claim.Insurance.Select(i => new ExplanationOfBenefit.InsuranceComponent { Focal = i.Focal ?? true, Coverage = Ref(i.Coverage) })],
        };
        foreach (var d in claim.Diagnosis)
        {
            eob.Diagnosis.Add(new ExplanationOfBenefit.DiagnosisComponent { Sequence = d.Sequence, Diagnosis = (DataType)d.Diagnosis.DeepCopy() });
        }
        foreach (var item in items)
        {
            eob.Item.Add(new ExplanationOfBenefit.ItemComponent
            {
                Sequence = item.Sequence,
                ProductOrService = (CodeableConcept?)item.Service?.DeepCopy() ?? new CodeableConcept(null, null, "unknown"),
                Net = Money(item.Net, currency),
                Adjudication = [.. ItemAdjudication(item, reason, currency).Select(a => new ExplanationOfBenefit.AdjudicationComponent { Category = a.Category, Amount = a.Amount, Reason = a.Reason })],
            });
        }
        eob.Total = [.. Totals(totals, currency).Select(t => new ExplanationOfBenefit.TotalComponent { Category = t.Category, Amount = t.Amount })];
        if (reason == ClaimDenialReason.None)
        {
            eob.Payment = new ExplanationOfBenefit.PaymentComponent { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/ex-paymenttype", "complete"), Amount = Money(totals.Benefit, currency) };
        }
        return eob;
    }

    private static string Disposition(ClaimDenialReason reason, ClaimAdjudicator.Totals totals) =>
        reason == ClaimDenialReason.None
            ? $"Paid: {totals.Benefit} of {totals.Submitted} submitted ({totals.Eligible} eligible, deductible {totals.Deductible}, co-pay {totals.CoPay})."
            : $"Denied: {reason}.";

    private static List<(CodeableConcept Category, Money Amount, CodeableConcept? Reason)> ItemAdjudication(ClaimAdjudicator.ItemResult item, ClaimDenialReason reason, string currency)
    {
        CodeableConcept? why = null;
        if (reason != ClaimDenialReason.None || item.Eligible == 0m)
        {
            var code = reason != ClaimDenialReason.None ? reason : item.Excluded ? ClaimDenialReason.Excluded : ClaimDenialReason.NotCovered;
            why = new CodeableConcept(DenialReasonSystem, code.ToString());
        }
        return
        [
            (ClaimAdjudicator.Category("submitted"), Money(item.Net, currency), null),
            (ClaimAdjudicator.Category("eligible"), Money(reason == ClaimDenialReason.None ? item.Eligible : 0m, currency), why),
        ];
    }

    private static ResourceReference Ref(ResourceReference? reference) => new(reference?.Reference);

    private static IEnumerable<(CodeableConcept Category, Money Amount)> Totals(ClaimAdjudicator.Totals t, string currency) =>
    [
        (ClaimAdjudicator.Category("submitted"), Money(t.Submitted, currency)),
        (ClaimAdjudicator.Category("eligible"), Money(t.Eligible, currency)),
        (ClaimAdjudicator.Category("deductible"), Money(t.Deductible, currency)),
        (ClaimAdjudicator.Category("copay"), Money(t.CoPay, currency)),
        (ClaimAdjudicator.Category("benefit"), Money(t.Benefit, currency)),
    ];

    private static Money Money(decimal value, string currency) => new() { Value = value, Currency = ClaimBuilder.Currency(currency) };
}
