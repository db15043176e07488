using System.Net;
using System.Text.Json;
using MediBloc.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MediBloc.Samples.Web.Tests;

/// <summary>
/// The PHR web app in a real browser, on its default embedded chain: a patient imports records and shares them, a
/// clinician reads one and writes a visit note, the patient sees the read in the audit trail and revokes, the
/// clinician's next read is refused with the revocation's date, a paramedic breaks the glass, and a record whose
/// stored envelope was corrupted shows as tampered. Every page is screenshotted and checked with axe-core.
/// </summary>
public sealed class PatientClinicianStoryTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Bundle = """
        {"resourceType":"Bundle","type":"collection","entry":[
          {"resource":{"resourceType":"Observation","id":"bp1","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel"}]},"subject":{"reference":"Patient/example"},"effectiveDateTime":"2026-11-25T09:30:00Z","component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic blood pressure"}]},"valueQuantity":{"value":118,"unit":"mmHg"}},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4","display":"Diastolic blood pressure"}]},"valueQuantity":{"value":76,"unit":"mmHg"}}]}},
          {"resource":{"resourceType":"AllergyIntolerance","id":"alg1","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},"code":{"text":"Penicillin"},"patient":{"reference":"Patient/example"},"criticality":"high"}},
          {"resource":{"resourceType":"Condition","id":"cond1","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"text":"Type 2 diabetes"},"subject":{"reference":"Patient/example"},"recordedDate":"2025-03-02"}}
        ]}
        """;

    private const string Readings = "time,type,value,unit,device\n2026-11-20T07:00:00Z,heart_rate,62,bpm,Watch\n2026-11-20T07:05:00Z,blood_pressure,121/79,mmHg,Cuff\n2026-11-20T08:00:00Z,steps,1200,steps,Watch\n";

    [Fact]
    public void Patient_shares_clinician_reads_audit_shows_it_revoke_refuses_the_next_read()
    {
        app.Go("/");
        app.Check("01-accounts");

        // Patient: a key in a keystore on this device, records imported (a FHIR bundle and device readings).
        app.CreateAccount("Alice", "Patient");
        Assert.EndsWith("/Patient/Records", app.Driver.Url, StringComparison.Ordinal);
        app.Find("#bundle-file").SendKeys(Write("bundle.json", Bundle));
        app.Submit("import-bundle");
        app.Find("#job-status");
        app.Check("02-import-progress");
        app.FinishJob();
        app.Find("#readings-file").SendKeys(Write("readings.csv", Readings));
        app.Submit("import-readings");
        app.FinishJob();
        var rows = app.All("#timeline tr.record");
        Assert.Equal(6, rows.Count); // 3 resources + 3 readings (the bundle's layout is not listed)
        Assert.All(rows, r => Assert.Contains("Verified", r.Text, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Text.Contains("Allergy: Penicillin", StringComparison.Ordinal));
        app.Check("03-patient-records");
        app.ClickAndWait(app.Find("#timeline a[href*='/Patient/Record']"));
        app.Find(".integrity-facts");
        app.Check("04-patient-record");

        // A clinician on the same device (certified by the demo authority); the patient shares with them, with write consent.
        app.CreateAccount("Dr. Kim", "Clinician");
        app.ActAs("Alice");
        app.Go("/Patient/Sharing");
        app.Choose("share-clinician", "Dr. Kim");
        app.Choose("share-purpose", "Treatment");
        app.Fill("share-days", "30");
        app.Find("#share input[name=write]").Click();
        app.Submit("share");
        Assert.Contains("Shared 6 record(s) with Dr. Kim", app.Find(".notice").Text, StringComparison.Ordinal);
        Assert.Single(app.All("#grants tr.grant"));
        app.Check("05-patient-sharing");

        // The clinician reads one, rendered as a person reads it (not JSON), and writes a visit note.
        app.ActAs("Dr. Kim");
        app.Go("/Clinician");
        Assert.Equal(6, app.All("#shared tr.shared-record").Count);
        app.Check("06-clinician-shared");
        var allergy = OpenUntil("Allergy: Penicillin");
        Assert.Contains("Criticality", app.Find("main").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"resourceType\"", app.Driver.PageSource, StringComparison.Ordinal);
        app.Check("07-clinician-record");
        app.Go("/Clinician/Write");
        app.Choose("write-patient", "Alice");
        app.Fill("write-note", "Blood pressure well controlled; continue current plan.");
        app.Submit("write");
        Assert.Contains("The visit note is in Alice", app.Find(".notice").Text, StringComparison.Ordinal);
        app.Check("08-clinician-write");

        // The patient sees the read (by name) in the audit trail, and as FHIR AuditEvents to download.
        app.ActAs("Alice");
        app.Go("/Patient/Audit");
        var read = app.All("#audit tr.audit-entry[data-kind=Read]");
        Assert.NotEmpty(read);
        Assert.Contains("Dr. Kim", read[0].Text, StringComparison.Ordinal);
        Assert.Contains("Treatment (TREAT)", read[0].Text, StringComparison.Ordinal);
        app.Check("09-patient-audit");
        using (var audit = JsonDocument.Parse(Download("/Patient/Audit?handler=Fhir")))
        {
            var events = audit.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
            Assert.Contains(events, e => e.GetProperty("resourceType").GetString() == "AuditEvent" && e.GetProperty("action").GetString() == "R");
        }
        app.Go("/Patient/Records");
        Assert.Contains(app.All("#timeline tr.record"), r => r.Text.Contains("Dr. Kim", StringComparison.Ordinal) && r.Text.Contains("Visit note", StringComparison.Ordinal));

        // Revoke: the clinician's next read is refused, with the date of the revocation.
        app.Go("/Patient/Sharing");
        app.ClickAndWait(app.Find("#grants tr.grant button"));
        Assert.Contains("Revoked", app.Find(".notice").Text, StringComparison.Ordinal);
        Assert.Empty(app.All("#grants tr.grant"));
        app.ActAs("Dr. Kim");
        app.Driver.Navigate().GoToUrl(allergy);
        Assert.Contains("Access was revoked by the patient on", app.Find(".problem").Text, StringComparison.Ordinal);
        app.Check("10-clinician-revoked");

        // Device exports besides CSV: an Open mHealth JSON and an Apple Health export.xml, told apart by content.
        app.ActAs("Alice");
        app.Go("/Patient/Records");
        app.Find("#readings-file").SendKeys(Write("omh.json", OpenMHealth));
        app.Submit("import-readings");
        app.FinishJob();
        app.Find("#readings-file").SendKeys(Write("export.xml", AppleHealth));
        app.Submit("import-readings");
        app.FinishJob();
        Assert.Equal(10, app.All("#timeline tr.record").Count); // 7 + 2 body weights + 1 blood pressure

        // The health report, built on this device: charts inline (no inline styles, so the strict CSP holds), downloads.
        app.Go("/Patient/Report");
        ((OpenQA.Selenium.IJavaScriptExecutor)app.Driver).ExecuteScript("arguments[0].value = '2026-12-01';", app.Find("#asof"));
        app.Submit("build-report");
        Assert.Equal(string.Empty, app.Problem);
        Assert.Contains("Penicillin", app.Find("#allergies").Text, StringComparison.Ordinal);
        Assert.Contains("Type 2 diabetes", app.Find("#conditions").Text, StringComparison.Ordinal);
        var weight = app.Find("figure.trend[data-metric='body-weight']");
        Assert.Contains("latest 73.1 kg on 2026-11-28", weight.Text, StringComparison.Ordinal);
        Assert.Equal("img", weight.FindElement(OpenQA.Selenium.By.TagName("svg")).GetAttribute("role"));
        Assert.Contains(app.All("figure.trend"), f => f.GetAttribute("data-metric") == "systolic-blood-pressure" && f.Text.Contains("3 value(s)", StringComparison.Ordinal));
        Assert.Empty(app.All("#report svg [style], #report svg[style]"));
        app.Check("19-patient-report");
        using (var report = JsonDocument.Parse(Download("/Patient/Report?handler=Json&asOf=2026-12-01")))
        {
            Assert.Equal("medibloc.health-report/1", report.RootElement.GetProperty("schema").GetString());
        }
        Assert.StartsWith("<!DOCTYPE html>", Download("/Patient/Report?handler=Html&asOf=2026-12-01"), StringComparison.Ordinal);
    }

    private const string GusBundle = """
        {"resourceType":"Bundle","type":"collection","entry":[
          {"resource":{"resourceType":"Patient","id":"gus","gender":"male","birthDate":"1968-05-09"}},
          {"resource":{"resourceType":"Condition","id":"cond2","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006","display":"Type 2 diabetes mellitus"}]},"subject":{"reference":"Patient/gus"},"onsetDateTime":"2024-06-01"}}
        ]}
        """;

    private const string OpenMHealth = """
        [{"header":{"schema_id":{"namespace":"omh","name":"body-weight","version":"1.0"},"acquisition_provenance":{"source_name":"Scale"}},
          "body":{"body_weight":{"unit":"kg","value":72.4},"effective_time_frame":{"date_time":"2026-11-14T07:00:00Z"}}},
         {"header":{"schema_id":{"namespace":"omh","name":"body-weight","version":"1.0"},"acquisition_provenance":{"source_name":"Scale"}},
          "body":{"body_weight":{"unit":"kg","value":73.1},"effective_time_frame":{"date_time":"2026-11-28T07:00:00Z"}}}]
        """;

    private const string AppleHealth = """
        <?xml version="1.0" encoding="UTF-8"?>
        <HealthData locale="en_US">
         <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Cuff" startDate="2026-11-27 08:00:00 +0000" endDate="2026-11-27 08:00:00 +0000">
          <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Cuff" unit="mmHg" startDate="2026-11-27 08:00:00 +0000" endDate="2026-11-27 08:00:00 +0000" value="124"/>
          <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Cuff" unit="mmHg" startDate="2026-11-27 08:00:00 +0000" endDate="2026-11-27 08:00:00 +0000" value="80"/>
         </Correlation>
        </HealthData>
        """;

    [Fact]
    public void A_record_whose_stored_envelope_was_corrupted_is_shown_as_tampered()
    {
        app.CreateAccount("Bob", "Patient");
        app.Find("#bundle-file").SendKeys(Write("bob.json", Bundle));
        app.Submit("import-bundle");
        app.FinishJob();
        var row = app.Find("#timeline tr.record");
        var cid = ContentId.Parse(row.GetAttribute("data-cid")!);

        // Flip one byte of the stored envelope in the device's content store.
        var path = Directory.EnumerateFiles(Path.Combine(app.Node.StoreFolder!, "objects"), "*", SearchOption.AllDirectories)
            .Single(f => Path.GetFileName(f) == cid.ToString(MultibaseEncoding.Base32));
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        app.Go("/Patient/Records");
        var tampered = app.All("#timeline tr.record").Single(r => r.GetAttribute("data-cid") == cid.ToString());
        Assert.Contains("Tampered", tampered.Text, StringComparison.Ordinal);
        Assert.Contains("altered after it was anchored", tampered.Text, StringComparison.Ordinal);
        Assert.Equal(2, app.All("#timeline tr.record").Count(r => r.Text.Contains("Verified", StringComparison.Ordinal)));
        app.Check("11-patient-tampered");
    }

    [Fact]
    public void Paramedic_breaks_the_glass_guardians_back_up_the_key_and_a_research_request_is_answered()
    {
        // The patient's records include their Patient resource, from which the emergency profile is derived.
        app.CreateAccount("Carol", "Patient");
        app.Find("#bundle-file").SendKeys(Write("carol.json", Bundle.Replace("\"entry\":[", "\"entry\":[" + PatientResource + ",", StringComparison.Ordinal)));
        app.Submit("import-bundle");
        app.FinishJob();
        app.CreateAccount("Medic Lee", "Paramedic");
        app.CreateAccount("Gus", "Patient");
        app.CreateAccount("Dr. Ray", "Researcher");

        app.ActAs("Carol");
        app.Go("/Patient/Emergency");
        app.Find("#emergency input[value='" + Address("Medic Lee") + "']").Click();
        app.Check("12-patient-emergency");
        app.Submit("emergency");
        app.FinishJob();
        app.ActAs("Medic Lee");
        app.Go("/Paramedic");
        app.Choose("btg-patient", "Carol");
        app.Fill("btg-reason", "Unconscious at scene");
        app.Submit("btg");
        Assert.Equal(string.Empty, app.Problem);
        Assert.Contains("Allergy: Penicillin", app.Find("main").Text, StringComparison.Ordinal);
        Assert.Contains("Condition: Type 2 diabetes", app.Find("main").Text, StringComparison.Ordinal);
        app.Check("13-paramedic-break-the-glass");

        app.ActAs("Carol");
        app.Go("/Patient/Audit");
        Assert.Contains("Medic Lee", app.Find("#audit tr.audit-entry[data-kind=BreakTheGlass]").Text, StringComparison.Ordinal);

        // Guardians: appoint one, back the key up 2-of-2.
        app.Go("/Patient/Guardians");
        app.Choose("guardian", "Gus");
        app.Submit("appoint");
        Assert.Contains("Gus", app.Find(".notice").Text, StringComparison.Ordinal);
        app.Find("#backup input[value='" + Address("Medic Lee") + "']").Click();
        app.Find("#backup input[value='" + Address("Gus") + "']").Click();
        app.Fill("threshold", "2");
        app.Submit("backup");
        app.FinishJob();
        Assert.StartsWith("Backed up 2-of-2", app.Find("#backup-status").Text, StringComparison.Ordinal);
        app.Check("14-patient-guardians");

        app.Go("/Patient/Wallet");
        app.Submit("buy-storage");
        Assert.Contains("Bought 1 GB", app.Find(".notice").Text, StringComparison.Ordinal);
        app.Check("15-patient-wallet");

        // Research: the patient lists records; the researcher finds a de-identified candidate and posts a paid request;
        // the patient accepts; the researcher accepts the consent; the patient releases the key and is paid; the record is delivered.
        app.Go("/Patient/Research");
        app.Fill("age", "47");
        app.Submit("list");
        app.FinishJob();
        app.ActAs("Dr. Ray");
        app.Go("/Researcher?code=" + Uri.EscapeDataString("http://loinc.org|85354-9"));
        Assert.StartsWith("1 de-identified candidate", app.Find("#candidates").Text, StringComparison.Ordinal);
        app.Fill("description", "Blood pressure cohort");
        app.Submit("post");
        Assert.Contains("Posted request", app.Find(".notice").Text, StringComparison.Ordinal);
        app.ActAs("Carol");
        app.Go("/Patient/Research");
        app.Check("16-patient-research");
        app.ClickAndWait(app.Find("#requests tr.data-request button"));
        Assert.Contains("You consented for 1 record", app.Find(".notice").Text, StringComparison.Ordinal);
        app.ActAs("Dr. Ray");
        app.Go("/Researcher?code=" + Uri.EscapeDataString("http://loinc.org|85354-9"));
        app.ClickAndWait(app.Find("#my-requests tr.my-request button"));
        Assert.Contains("Accepted 1 consent", app.Find(".notice").Text, StringComparison.Ordinal);
        app.ActAs("Carol");
        app.Go("/Patient/Research");
        app.ClickAndWait(app.Find("#consents tr.consent button"));
        Assert.Contains("Released; 5 MED paid", app.Find(".notice").Text, StringComparison.Ordinal);
        app.ActAs("Dr. Ray");
        app.Go("/Researcher?code=" + Uri.EscapeDataString("http://loinc.org|85354-9"));
        Assert.Contains("Observation: Blood pressure panel", app.Find("#my-requests tr.my-request").Text, StringComparison.Ordinal);
        app.Check("17-researcher-requests");

        // Clinical-trial recruitment: the researcher posts a study; each patient's device evaluates it (with why); Gus,
        // eligible, signals interest anonymously and enrols; the researcher sees the counts and then the subject.
        // (Carol has a guardian now, so only Gus could sign her grants: Gus enrols for himself.)
        app.ActAs("Gus");
        app.Go("/Patient/Records");
        app.Find("#bundle-file").SendKeys(Write("gus.json", GusBundle));
        app.Submit("import-bundle");
        app.FinishJob();
        app.ActAs("Dr. Ray");
        app.Go("/Researcher/Studies");
        app.Fill("study-title", "Type 2 diabetes follow-up");
        app.Fill("study-description", "Adults aged 40 to 80 with type 2 diabetes.");
        app.Fill("study-condition", "44054006");
        app.Fill("study-min-age", "40");
        app.Fill("study-max-age", "80");
        app.Submit("post-study");
        app.FinishJob();
        Assert.Equal("0", app.Find("#my-studies tr.my-study td.enrolled").Text);
        app.ActAs("Carol");
        app.Go("/Patient/Studies");
        Assert.Contains("You are not eligible", app.Find("section.invitation").Text, StringComparison.Ordinal); // her diabetes is uncoded text
        Assert.Empty(app.All("section.invitation button.enrol"));
        app.ActAs("Gus");
        app.Go("/Patient/Studies");
        Assert.Contains("You are eligible", app.Find("section.invitation").Text, StringComparison.Ordinal);
        Assert.Equal(2, app.All("section.invitation table.criteria tbody tr").Count);
        app.ClickAndWait(app.Find("section.invitation button.interest"));
        Assert.Contains("Interest in study", app.Find(".notice").Text, StringComparison.Ordinal);
        app.Check("20-patient-study-invitations");
        app.ClickAndWait(app.Find("section.invitation button.enrol"));
        app.FinishJob();
        Assert.Contains("enrolled", app.Find("section.invitation .eligibility").Text, StringComparison.Ordinal);
        app.ActAs("Dr. Ray");
        app.Go("/Researcher/Studies");
        var study = app.Find("#my-studies tr.my-study");
        Assert.Equal("1", study.FindElement(OpenQA.Selenium.By.CssSelector("td.interested")).Text);
        Assert.Equal("1", study.FindElement(OpenQA.Selenium.By.CssSelector("td.enrolled")).Text);
        Assert.Contains("Gus", study.FindElement(OpenQA.Selenium.By.CssSelector("td.subjects")).Text, StringComparison.Ordinal);
        app.Check("21-researcher-studies");
    }

    [Fact]
    public void The_keyboard_reaches_the_skip_link_first_and_every_form_control_in_order()
    {
        app.Go("/");
        var body = app.Find("body");
        body.SendKeys(OpenQA.Selenium.Keys.Tab);
        Assert.Equal("skip", app.Driver.SwitchTo().ActiveElement().GetAttribute("class"));
        app.Driver.SwitchTo().ActiveElement().SendKeys(OpenQA.Selenium.Keys.Enter);
        Assert.EndsWith("#main", app.Driver.Url, StringComparison.Ordinal);

        // Tabbing on from the skip link reaches the create form's controls, each with a label.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 40 && !reached.Contains("create-password"); i++)
        {
            app.Driver.SwitchTo().ActiveElement().SendKeys(OpenQA.Selenium.Keys.Tab);
            var id = app.Driver.SwitchTo().ActiveElement().GetAttribute("id");
            if (!string.IsNullOrEmpty(id))
            {
                reached.Add(id);
                Assert.NotEmpty(app.All($"label[for='{id}']"));
            }
        }
        Assert.Superset(new HashSet<string>(["create-label", "create-role", "create-password"], StringComparer.Ordinal), reached);
    }

    private const string PatientResource = """
        {"resource":{"resourceType":"Patient","id":"example","name":[{"family":"Park","given":["Carol"]}],"gender":"female","birthDate":"1979-04-02","contact":[{"name":{"text":"Min Park"},"telecom":[{"system":"phone","value":"+82 10 0000 0000"}]}]}}
        """;

    private string Address(string label) => app.App.Services.GetRequiredService<MediBloc.Samples.Web.Node.DeviceAccounts>().All.Single(a => a.Label == label).Address;

    private Uri OpenUntil(string title)
    {
        var links = app.All("#shared a.open-record").Select(a => a.GetAttribute("href")!).ToList();
        foreach (var link in links)
        {
            app.Driver.Navigate().GoToUrl(link);
            if (app.Find("main h3").Text.StartsWith(title, StringComparison.Ordinal))
            {
                return new Uri(link);
            }
        }
        Assert.Fail($"No shared record shows '{title}'.");
        return null!;
    }

    private string Download(string path)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        foreach (var cookie in app.Driver.Manage().Cookies.AllCookies)
        {
            handler.CookieContainer.Add(app.Address, new System.Net.Cookie(cookie.Name, cookie.Value));
        }
        using var http = new HttpClient(handler);
        return http.GetStringAsync(new Uri(app.Address, path)).GetAwaiter().GetResult();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(app.Screenshots, "..", "inputs", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return Path.GetFullPath(path);
    }
}
