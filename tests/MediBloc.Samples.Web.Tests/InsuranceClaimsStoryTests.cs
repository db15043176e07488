using System.Globalization;

namespace MediBloc.Samples.Web.Tests;

/// <summary>
/// Insurance claims in a real browser, on the default embedded chain: a certified insurer opens a policy under its
/// declared rules and funds it, enrols a patient; the patient files a claim for a check-up encounter in their records;
/// the insurer adjudicates it by the rules and pays; the patient sees it paid with the ExplanationOfBenefit.
/// </summary>
public sealed class InsuranceClaimsStoryTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public void Insurer_funds_a_policy_patient_files_an_encounter_claim_insurer_pays_patient_sees_the_EOB()
    {
        app.CreateAccount("Acme Health", "Insurer");
        Assert.EndsWith("/Insurer", app.Driver.Url, StringComparison.Ordinal);
        Assert.Contains("http://snomed.info/sct|185349003: up to 120 USD", app.Find("#default-rules").Text, StringComparison.Ordinal);

        app.CreateAccount("Pat", "Patient");
        app.Find("#bundle-file").SendKeys(Write("encounter.json", EncounterBundle(DateTime.UtcNow.AddDays(-1))));
        app.Submit("import-bundle");
        app.FinishJob();

        app.ActAs("Acme Health");
        app.Go("/Insurer");
        app.Fill("fund", "50");
        app.Submit("open");
        Assert.Contains("Opened policy", app.Find(".notice").Text, StringComparison.Ordinal);
        Assert.Contains("Pool 50 MED", app.Find("section.policy .pool").Text, StringComparison.Ordinal);
        app.Choose(app.Find("section.policy select[name=member]").GetAttribute("id")!, "Pat");
        app.ClickAndWait(app.Find("section.policy form[action*='Enroll'] button"));
        Assert.Contains("Enrolled Pat", app.Find(".notice").Text, StringComparison.Ordinal);

        app.ActAs("Pat");
        app.Go("/Patient/Claims");
        Assert.Contains("Encounter for check up", app.Find("#encounter").Text, StringComparison.Ordinal);
        app.Submit("file");
        Assert.True(app.Problem.Length == 0, app.Problem);
        Assert.StartsWith("Pending", app.Find(".my-claim .status").Text, StringComparison.Ordinal);

        app.ActAs("Acme Health");
        app.Go("/Insurer");
        Assert.Contains("Pending", app.Find("tr.claim .status").Text, StringComparison.Ordinal);
        app.ClickAndWait(app.Find("tr.claim button"));
        Assert.True(app.Problem.Length == 0, app.Problem);
        // 150 + 80 + 20 submitted; 120 + 80 + 15 eligible; minus 50 deductible, minus 20 % co-pay: 132 at 0.1 MED each.
        Assert.Contains("benefit 132", app.Find(".notice").Text, StringComparison.Ordinal);
        Assert.StartsWith("Paid 13.2 MED", app.Find("tr.claim .status").Text, StringComparison.Ordinal);
        app.Check("22-insurer-policies");

        app.ActAs("Pat");
        app.Go("/Patient/Claims");
        Assert.StartsWith("Paid 13.2 MED", app.Find(".my-claim .status").Text, StringComparison.Ordinal);
        var eob = app.Find("table.eob").Text;
        Assert.Contains("Complete", eob, StringComparison.Ordinal);
        Assert.Contains("Payment 132", eob, StringComparison.Ordinal);
        app.Check("23-patient-insurance-claims");
    }

    private static string EncounterBundle(DateTime day)
    {
        var d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return """
            {"resourceType":"Bundle","type":"collection","entry":[
              {"resource":{"resourceType":"Encounter","id":"checkup","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"type":[{"coding":[{"system":"http://snomed.info/sct","code":"185349003","display":"Encounter for check up"}]}],"subject":{"reference":"Patient/pat"},"period":{"start":"DAYT09:00:00Z","end":"DAYT09:30:00Z"},"serviceProvider":{"reference":"Organization/clinic"}}},
              {"resource":{"resourceType":"Procedure","id":"checkup-proc","status":"completed","subject":{"reference":"Patient/pat"},"encounter":{"reference":"Encounter/checkup"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"430193006","display":"Medication reconciliation"}]}}},
              {"resource":{"resourceType":"MedicationRequest","id":"checkup-rx","status":"active","intent":"order","subject":{"reference":"Patient/pat"},"encounter":{"reference":"Encounter/checkup"},"medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975","display":"metformin 500 MG"}]}}}
            ]}
            """.Replace("DAY", d, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(app.Screenshots, "..", "inputs", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return Path.GetFullPath(path);
    }
}
