using System.Security.Cryptography;
using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir.Reports;
using MediBloc.Sdk.Storage;
using Task = System.Threading.Tasks.Task;

namespace MediBloc.IntegrationTests.Fhir;

/// <summary>
/// A patient's record whose envelope is lost from every store, and one anchored over bytes that are no envelope:
/// <c>OpenMyRecordsAsync</c> stops at them, <c>OpenReadableRecordsAsync</c> and the health report go on and say what
/// they left out.
/// </summary>
public abstract class UnreadableRecordsTests(DevnetFixture fixture, ChainBackend backend) : WorkflowSuite(fixture, backend)
{
    private const string Fhir = "application/fhir+json";

    [Fact]
    public async Task Unreadable_records_are_listed_and_the_report_is_built_from_the_rest()
    {
        var key = await FundedKeyAsync();
        var patient = Client.GetPatientClient(key);
        var first = await patient.PublishAsync(Encoding.UTF8.GetBytes("""{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1970-03-01"}"""), Fhir);

        // Lost: anchored by the owner, but the envelope is in no store.
        var lost = UnixFsBuilder.Compute(RandomNumberGenerator.GetBytes(64), UnixFsOptions.CidV1RawLeaves);
        await Registry(key).AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), lost.ToString(), Fhir);
        // Malformed: the CID's bytes are in the store, but they are not a sealed envelope.
        var junk = await Client.ContentStore.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("not an envelope")));
        await Registry(key).AnchorAsync(new Commitment(RandomNumberGenerator.GetBytes(32)), junk.ToString(), Fhir);
        var last = await patient.PublishAsync(Encoding.UTF8.GetBytes("""{"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},"subject":{"reference":"Patient/p1"},"effectiveDateTime":"2020-01-01","valueQuantity":{"value":70,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}"""), Fhir);

        await Assert.ThrowsAsync<NotFoundException>(() => patient.OpenMyRecordsAsync());

        var records = await patient.OpenReadableRecordsAsync();
        Assert.Equal([first.Cid, last.Cid], records.Opened.Select(r => r.Cid));
        Assert.Equal(2, records.Unreadable.Count);
        Assert.Equal(lost.ToString(), records.Unreadable[0].Cid);
        Assert.Equal(MediBlocErrorCode.NotFound, records.Unreadable[0].Code);
        Assert.Equal(junk.ToString(), records.Unreadable[1].Cid);
        Assert.NotEqual(MediBlocErrorCode.NotFound, records.Unreadable[1].Code);

        var report = await patient.BuildHealthReportAsync(new DateOnly(2021, 1, 1));
        Assert.Equal(new DateOnly(1970, 3, 1), report.Patient.BirthDate);
        Assert.Contains(report.Ignored, i => i.ResourceId == "record " + lost && i.Reason.Contains("NotFound", StringComparison.Ordinal));
        Assert.Contains(report.Ignored, i => i.ResourceId == "record " + junk);
    }
}

public sealed class UnreadableRecordsOnAnvilTests(DevnetFixture fixture) : UnreadableRecordsTests(fixture, ChainBackend.Anvil);

public sealed class UnreadableRecordsOnEmbeddedChainTests(DevnetFixture fixture) : UnreadableRecordsTests(fixture, ChainBackend.Embedded);
