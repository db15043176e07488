using MediBloc.Sdk.Crypto;
using System.Globalization;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.EmergencyAccess;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Exports the chain's audit events as R4 <c>AuditEvent</c>s in the style of IHE Basic Audit Log Patterns (BALP).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>type</c> = audit-event-type <c>rest</c> with a restful-interaction subtype: <c>read</c> for a logged
/// read and for break-the-glass, <c>create</c> for a submitted grant, <c>delete</c> for a revoked grant.</item>
/// <item><c>agent</c>: the requester (<c>requestor = true</c>; the reader, the emergency provider or the grant's
/// signer) and, as a non-requesting agent, the patient; accounts are named by address (identifier system
/// <see cref="AnchorProvenance.AddressSystem"/>).</item>
/// <item><c>source.observer</c>: the contract, <c>eip155:{chainId}:{address}</c> (system <see cref="ObserverSystem"/>).</item>
/// <item><c>entity</c>: the patient (type 1 Person, role 1 Patient); the record (type 2 System Object, role 4
/// Domain Resource) by its commitment and, when given, its CID (detail <c>cid</c>); or the grant (type 2, role 13
/// Security Resource) by its id (system <see cref="GrantIdSystem"/>); and, first, the transaction that recorded the event (system
/// <see cref="AnchorProvenance.TransactionSystem"/>, <c>eip155:{chainId}:{txHash}</c>, role 20 Job, detail
/// <c>blockNumber</c>).</item>
/// <item><c>purposeOfEvent</c>: the v3-ActReason code whose keccak256 is the on-chain purpose id (TREAT, ETREAT,
/// HRESCH…), <c>BTG</c> for break-the-glass; an unknown purpose id is kept as the detail <c>purposeId</c>.</item>
/// </list>
/// </remarks>
public static class ChainAuditEvents
{
    /// <summary>Identifier system of the observing contract (<c>urn:ietf:rfc:3986</c>; value <c>eip155:{chainId}:{address}</c>).</summary>
    public const string ObserverSystem = "urn:ietf:rfc:3986";

    /// <summary>Identifier system of a grant id (0x-hex EIP-712 digest).</summary>
    public const string GrantIdSystem = "urn:medibloc:grant-id";

    /// <summary>The identifier system of a patient tag, keccak256(abi.encode(owner)): how v2 events name a patient.</summary>
    public const string PatientTagSystem = "urn:medibloc:patient-tag";

    private const string EventTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private const string InteractionSystem = "http://hl7.org/fhir/restful-interaction";
    private const string EntityTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string EntityRoleSystem = "http://terminology.hl7.org/CodeSystem/object-role";
    private const string ParticipationSystem = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private const string RoleClassSystem = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    private const string SourceTypeSystem = "http://terminology.hl7.org/CodeSystem/security-source-type";

    /// <summary>Maps a logged record read.</summary>
    /// <param name="read">The event.</param>
    /// <param name="source">The contract that logged it.</param>
    /// <param name="cid">The record's CID, when known, to name it besides its commitment.</param>
    /// <returns>The AuditEvent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="read"/> or <paramref name="source"/> is null.</exception>
    public static AuditEvent FromRecordRead(RecordReadEvent read, ChainAuditSource source, string? cid = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(source);
        var audit = Create("read", AuditEvent.AuditEventAction.R, read.ReadAt, source, read.TransactionHash, read.BlockNumber);
        audit.Agent.Add(Agent(read.Reader, requestor: true, ParticipationSystem, "IRCP", "information recipient"));
        AddPatient(audit, read.Owner, read.PatientTag);
        audit.Entity.Add(RecordEntity(read.RecordId.ToString(), cid));
        Purpose(audit, read.PurposeId);
        return audit;
    }

    /// <summary>Maps a break-the-glass access to the emergency profile.</summary>
    /// <param name="access">The event.</param>
    /// <param name="source">The EmergencyAccess contract.</param>
    /// <param name="cid">The profile record's CID, when known.</param>
    /// <returns>The AuditEvent, with <c>purposeOfEvent</c> BTG.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="access"/> or <paramref name="source"/> is null.</exception>
    public static AuditEvent FromBreakTheGlass(BreakTheGlassEvent access, ChainAuditSource source, string? cid = null)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(source);
        var audit = Create("read", AuditEvent.AuditEventAction.R, access.AccessedAt, source, access.TransactionHash, access.BlockNumber);
        audit.Agent.Add(Agent(access.Provider, requestor: true, ParticipationSystem, "IRCP", "information recipient"));
        AddPatient(audit, access.Owner, access.PatientTag);
        var record = new AuditEvent.EntityComponent
        {
            Type = new Coding(EntityTypeSystem, "2", "System Object"),
            Role = new Coding(EntityRoleSystem, "4", "Domain Resource"),
        };
        if (cid is not null)
        {
            record.Detail.Add(new AuditEvent.DetailComponent { Type = "cid", Value = new FhirString(cid) });
        }

        record.Detail.Add(new AuditEvent.DetailComponent { Type = "reasonHash", Value = new FhirString(access.ReasonHash) });
        audit.Entity.Add(record);
        audit.PurposeOfEvent.Add(PurposeConcept(PurposeOfUse.BreakTheGlass));
        return audit;
    }

    /// <summary>Maps a grant that went into force.</summary>
    /// <param name="submitted">The event.</param>
    /// <param name="source">The AccessGrants contract.</param>
    /// <param name="recorded">The block time of <see cref="GrantSubmittedEvent.BlockNumber"/>.</param>
    /// <returns>The AuditEvent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="submitted"/> or <paramref name="source"/> is null.</exception>
    public static AuditEvent FromGrantSubmitted(GrantSubmittedEvent submitted, ChainAuditSource source, DateTimeOffset recorded)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(source);
        var audit = Create("create", AuditEvent.AuditEventAction.C, recorded, source, submitted.TransactionHash, submitted.BlockNumber);
        audit.Agent.Add(Agent(submitted.Signer, requestor: true, ParticipationSystem, "AUT", "author (originator)"));
        audit.Agent.Add(Agent(submitted.Grantee, requestor: false, ParticipationSystem, "IRCP", "information recipient"));
        audit.Entity.Add(PatientEntity(submitted.Owner, submitted.PatientTag));
        var grant = GrantEntity(submitted.GrantId);
        grant.Detail.Add(new AuditEvent.DetailComponent { Type = "scopeKind", Value = new FhirString(submitted.ScopeKind.ToString()) });
        grant.Detail.Add(new AuditEvent.DetailComponent { Type = "scope", Value = new FhirString(submitted.Scope) });
        grant.Detail.Add(new AuditEvent.DetailComponent { Type = "expiresAt", Value = new FhirString(submitted.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)) });
        audit.Entity.Add(grant);
        Purpose(audit, submitted.PurposeId);
        return audit;
    }

    /// <summary>Maps a revoked grant.</summary>
    /// <param name="revoked">The event.</param>
    /// <param name="source">The AccessGrants contract.</param>
    /// <param name="recorded">The block time of <see cref="GrantRevokedEvent.BlockNumber"/>.</param>
    /// <returns>The AuditEvent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="revoked"/> or <paramref name="source"/> is null.</exception>
    public static AuditEvent FromGrantRevoked(GrantRevokedEvent revoked, ChainAuditSource source, DateTimeOffset recorded)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        ArgumentNullException.ThrowIfNull(source);
        var audit = Create("delete", AuditEvent.AuditEventAction.D, recorded, source, revoked.TransactionHash, revoked.BlockNumber);
        audit.Agent.Add(Agent(revoked.RevokedBy, requestor: true, ParticipationSystem, "AUT", "author (originator)"));
        audit.Entity.Add(PatientEntity(revoked.Owner, revoked.PatientTag));
        audit.Entity.Add(GrantEntity(revoked.GrantId));
        return audit;
    }

    private static AuditEvent Create(string interaction, AuditEvent.AuditEventAction action, DateTimeOffset recorded, ChainAuditSource source, string transactionHash, long blockNumber)
    {
        var audit = new AuditEvent
        {
            Type = new Coding(EventTypeSystem, "rest", "Restful Operation"),
            Subtype = [new Coding(InteractionSystem, interaction, interaction)],
            Action = action,
            Recorded = recorded,
            Outcome = AuditEvent.AuditEventOutcome.N0,
            Source = new AuditEvent.SourceComponent
            {
                Site = source.Site,
                Observer = new ResourceReference
                {
                    Identifier = new Identifier(ObserverSystem, string.Create(CultureInfo.InvariantCulture, $"eip155:{source.ChainId}:{source.ContractAddress}")),
                },
                Type = [new Coding(SourceTypeSystem, "4", "Application Server")],
            },
        };
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference
            {
                Identifier = new Identifier(AnchorProvenance.TransactionSystem, string.Create(CultureInfo.InvariantCulture, $"eip155:{source.ChainId}:{transactionHash}")),
            },
            Type = new Coding(EntityTypeSystem, "2", "System Object"),
            Role = new Coding(EntityRoleSystem, "20", "Job"),
            Description = "The transaction that recorded the event",
            Detail = [new AuditEvent.DetailComponent { Type = "blockNumber", Value = new FhirString(blockNumber.ToString(CultureInfo.InvariantCulture)) }],
        });
        return audit;
    }

    private static AuditEvent.AgentComponent Agent(EvmAddress address, bool requestor, string system, string code, string display) => new()
    {
        Type = new CodeableConcept(system, code, display),
        Who = new ResourceReference { Identifier = new Identifier(AnchorProvenance.AddressSystem, address.ToString()) },
        Requestor = requestor,
    };

    /// <summary>The patient as agent and entity when the event's reader knew the address; otherwise the entity by its tag only.</summary>
    private static void AddPatient(AuditEvent audit, EvmAddress? owner, string patientTag)
    {
        if (owner is { } patient)
        {
            audit.Agent.Add(Agent(patient, requestor: false, RoleClassSystem, "PAT", "patient"));
        }

        audit.Entity.Add(PatientEntity(owner, patientTag));
    }

    private static AuditEvent.EntityComponent PatientEntity(EvmAddress? owner, string patientTag) => new()
    {
        What = new ResourceReference
        {
            Identifier = owner is null ? new Identifier(PatientTagSystem, patientTag) : new Identifier(AnchorProvenance.AddressSystem, owner.Value.ToString()),
        },
        Type = new Coding(EntityTypeSystem, "1", "Person"),
        Role = new Coding(EntityRoleSystem, "1", "Patient"),
    };

    private static AuditEvent.EntityComponent RecordEntity(string recordId, string? cid)
    {
        var entity = new AuditEvent.EntityComponent
        {
            What = new ResourceReference { Identifier = new Identifier(AccessGrantConsent.RecordIdSystem, recordId) },
            Type = new Coding(EntityTypeSystem, "2", "System Object"),
            Role = new Coding(EntityRoleSystem, "4", "Domain Resource"),
        };
        if (cid is not null)
        {
            entity.Detail.Add(new AuditEvent.DetailComponent { Type = "cid", Value = new FhirString(cid) });
        }

        return entity;
    }

    private static AuditEvent.EntityComponent GrantEntity(string grantId) => new()
    {
        What = new ResourceReference { Identifier = new Identifier(GrantIdSystem, grantId) },
        Type = new Coding(EntityTypeSystem, "2", "System Object"),
        Role = new Coding(EntityRoleSystem, "13", "Security Resource"),
    };

    private static void Purpose(AuditEvent audit, string purposeId)
    {
        var code = PurposeOfUse.FromPurposeId(purposeId);
        if (code is not null)
        {
            audit.PurposeOfEvent.Add(PurposeConcept(code));
        }
        else
        {
            audit.Entity[^1].Detail.Add(new AuditEvent.DetailComponent { Type = "purposeId", Value = new FhirString(purposeId) });
        }
    }

    private static CodeableConcept PurposeConcept(string code) => new(PurposeOfUse.System, code, PurposeOfUse.GetDisplay(code));
}
