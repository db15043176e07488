using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Sharing;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Patient;

/// <summary>Who read what: the audit trail from the chain, as a table and as FHIR AuditEvents.</summary>
public sealed class AuditModel : AppPage
{
    /// <inheritdoc />
    protected override AccountRole? RequiredRole => AccountRole.Patient;

    /// <summary>The trail, newest first.</summary>
    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    /// <summary>Block times of entries that carry none.</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> Times { get; private set; } = new Dictionary<long, DateTimeOffset>();

    /// <summary>Reads the trail.</summary>
    public async System.Threading.Tasks.Task OnGetAsync()
    {
        await TryAsync(async () =>
        {
            var trail = await Node.Client.GetPatientClient(Key).GetAuditTrailAsync(HttpContext.RequestAborted);
            var times = new Dictionary<long, DateTimeOffset>();
            foreach (var block in trail.Where(e => e.At is null).Select(e => e.BlockNumber).Distinct())
            {
                times[block] = await Node.BlockTimeAsync(block, HttpContext.RequestAborted);
            }
            Trail = [.. trail.Reverse()];
            Times = times;
        });
    }

    /// <summary>Downloads the trail as a FHIR Bundle of AuditEvents (one per grant, revocation, read and break-the-glass).</summary>
    public async Task<IActionResult> OnGetFhirAsync()
    {
        var me = Key.Address;
        var ct = HttpContext.RequestAborted;
        var grants = Node.AccessGrants;
        var emergency = Node.EmergencyAccess;
        var grantSource = new ChainAuditSource(Node.Deployment.ChainId, grants.ContractAddress.ToString());
        var emergencySource = new ChainAuditSource(Node.Deployment.ChainId, emergency.ContractAddress.ToString());
        var events = new List<(long Block, AuditEvent Event)>();
        await foreach (var g in grants.GetGrantEventsAsync(owner: me, cancellationToken: ct))
        {
            events.Add((g.BlockNumber, ChainAuditEvents.FromGrantSubmitted(g, grantSource, await Node.BlockTimeAsync(g.BlockNumber, ct))));
        }
        await foreach (var r in grants.GetRevocationEventsAsync(owner: me, cancellationToken: ct))
        {
            events.Add((r.BlockNumber, ChainAuditEvents.FromGrantRevoked(r, grantSource, await Node.BlockTimeAsync(r.BlockNumber, ct))));
        }
        await foreach (var r in grants.GetReadEventsAsync(owner: me, cancellationToken: ct))
        {
            events.Add((r.BlockNumber, ChainAuditEvents.FromRecordRead(r, grantSource)));
        }
        await foreach (var b in emergency.GetBreakTheGlassEventsAsync(owner: me, cancellationToken: ct))
        {
            events.Add((b.BlockNumber, ChainAuditEvents.FromBreakTheGlass(b, emergencySource)));
        }
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = DateTimeOffset.UtcNow };
        foreach (var (_, audit) in events.OrderBy(e => e.Block))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = audit });
        }
        var json = new BaseFhirJsonSerializer(ModelInfo.ModelInspector).SerializeToString(bundle);
        return File(Encoding.UTF8.GetBytes(json), "application/fhir+json", "audit-events.json");
    }

    /// <summary>Words for an entry's kind.</summary>
    public static string Describe(AuditEntryKind kind) => kind switch
    {
        AuditEntryKind.Granted => "Access granted",
        AuditEntryKind.Revoked => "Access revoked",
        AuditEntryKind.Read => "Read a record",
        AuditEntryKind.BreakTheGlass => "Broke the glass (emergency)",
        AuditEntryKind.WriteGranted => "Write access granted",
        AuditEntryKind.Authored => "Wrote a record into yours",
        _ => kind.ToString(),
    };
}
