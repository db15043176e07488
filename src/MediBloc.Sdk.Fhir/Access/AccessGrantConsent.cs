using MediBloc.Sdk.Crypto;
using System.Globalization;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Maps an <see cref="AccessGrant"/> to an R4 <c>Consent</c> and back.
/// </summary>
/// <remarks>
/// The Consent has <c>scope</c> = consentscope <c>patient-privacy</c>, <c>category</c> = LOINC 59284-0 (patient
/// consent), <c>policyRule</c> = v3-ActCode <c>OPTIN</c>, <c>patient</c> = the owner's address (identifier system
/// <see cref="AnchorProvenance.AddressSystem"/>), and one <c>permit</c> provision with the grantee as actor (role
/// v3-ParticipationType <c>IRCP</c>, information recipient), the purpose as v3-ActReason coding, the period ending at
/// the expiry, and the scope: a record as <c>data</c> (meaning <c>instance</c>, its commitment as identifier, system
/// <see cref="RecordIdSystem"/>), a content type as <c>class</c> (system <see cref="ContentTypeSystem"/>),
/// all records as neither. The grant's salt, when set, is the Consent's identifier (system <see cref="SaltSystem"/>),
/// so that the grant read back is the same grant.
/// </remarks>
public static class AccessGrantConsent
{
    /// <summary>Code system of MIME content types (<c>urn:ietf:bcp:13</c>).</summary>
    public const string ContentTypeSystem = "urn:ietf:bcp:13";

    /// <summary>Identifier system of a grant's 32-byte salt (0x-hex).</summary>
    public const string SaltSystem = "urn:medibloc:grant-salt";

    /// <summary>The identifier system of a record id, keccak256(abi.encode(owner, commitment)): how a one-record scope names its record.</summary>
    public const string RecordIdSystem = "urn:medibloc:record-id";

    /// <summary>The identifier system of a signed grant's slot version (<see cref="AccessGrant.Version"/>), kept beside the salt.</summary>
    public const string VersionSystem = "urn:medibloc:grant-version";

    /// <summary>The identifier system of a signed grant's owner epoch (<see cref="AccessGrant.Epoch"/>), kept beside the salt.</summary>
    public const string EpochSystem = "urn:medibloc:grant-epoch";

    private const string ScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";
    private const string ParticipationSystem = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>Maps a grant to a Consent.</summary>
    /// <param name="grant">The grant.</param>
    /// <param name="recordedAt">When the consent was given (<c>Consent.dateTime</c> and the start of the period).</param>
    /// <param name="contentTypes">
    /// Content types to recognise a <see cref="AccessScopeKind.ContentType"/> scope by (the chain keeps only a hash
    /// of it); the FHIR content types in <see cref="FhirContentTypes"/> are always tried.
    /// </param>
    /// <returns>The Consent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    /// <exception cref="ArgumentException">The grant's content-type scope is none of the known content types, or a field is empty.</exception>
    public static Consent ToConsent(AccessGrant grant, DateTimeOffset recordedAt, IEnumerable<string>? contentTypes = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentException.ThrowIfNullOrEmpty(grant.Purpose, "grant.Purpose");
        ArgumentNullException.ThrowIfNull(grant.Scope, "grant.Scope");
        var provision = new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Permit,
            Period = new Period(new FhirDateTime(recordedAt), new FhirDateTime(grant.ExpiresAt)),
            Actor =
            [
                new Consent.provisionActorComponent
                {
                    Role = new CodeableConcept(ParticipationSystem, "IRCP", "information recipient"),
                    Reference = new ResourceReference { Identifier = new Identifier(AnchorProvenance.AddressSystem, grant.Grantee.ToString()) },
                },
            ],
            Purpose = [new Coding(PurposeOfUse.System, grant.Purpose, PurposeOfUse.GetDisplay(grant.Purpose))],
        };
        switch (grant.Scope.Kind)
        {
            case AccessScopeKind.Record:
                provision.Data =
                [
                    new Consent.provisionDataComponent
                    {
                        Meaning = Consent.ConsentDataMeaning.Instance,
                        Reference = new ResourceReference { Identifier = new Identifier(RecordIdSystem, grant.Scope.Value) },
                    },
                ];
                break;
            case AccessScopeKind.ContentType:
                provision.Class = [new Coding(ContentTypeSystem, ResolveContentType(grant.Scope.Value, contentTypes))];
                break;
        }

        var consent = new Consent
        {
            Status = Consent.ConsentState.Active,
            Scope = new CodeableConcept(ScopeSystem, "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = new ResourceReference { Identifier = new Identifier(AnchorProvenance.AddressSystem, grant.Owner.ToString()) },
            DateTimeElement = new FhirDateTime(recordedAt),
            PolicyRule = new CodeableConcept(ActCodeSystem, "OPTIN", "opt-in"),
            Provision = provision,
        };
        if (grant.Salt is { } salt)
        {
            consent.Identifier =
            [
                new Identifier(SaltSystem, "0x" + Convert.ToHexString(salt.Span).ToLowerInvariant()),
                new Identifier(VersionSystem, grant.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Identifier(EpochSystem, grant.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ];
        }

        return consent;
    }

    /// <summary>
    /// Maps a grant read from the chain (a <c>GrantSubmitted</c> event) to a Consent, so that an EMR can import the
    /// consents a patient has in force. The Consent names the on-chain grant by its id (identifier system
    /// <see cref="ChainAuditEvents.GrantIdSystem"/>); the chain does not keep the grant's salt, so the Consent carries
    /// none.
    /// </summary>
    /// <param name="submitted">The event, e.g. from <see cref="AccessGrantsClient.GetGrantEventsAsync"/>.</param>
    /// <param name="recordedAt">The block time of the event's block: when the consent was given.</param>
    /// <param name="status">The grant's current state from <see cref="AccessGrantsClient.GetGrantAsync"/>, when known: a revoked grant gives an <c>inactive</c> Consent.</param>
    /// <param name="contentTypes">Content types to recognise a content-type scope by (see <see cref="ToConsent"/>).</param>
    /// <returns>The Consent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="submitted"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The grant's purpose id is none of <see cref="PurposeOfUse.KnownCodes"/>, or its content-type scope matches none of
    /// the known content types.
    /// </exception>
    public static Consent FromGrantEvent(GrantSubmittedEvent submitted, DateTimeOffset recordedAt, AccessGrantStatus? status = null, IEnumerable<string>? contentTypes = null)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        var purpose = PurposeOfUse.FromPurposeId(submitted.PurposeId)
            ?? throw new ArgumentException($"The grant's purpose id {submitted.PurposeId} is none of the known purpose-of-use codes.", nameof(submitted));
        var scope = submitted.ScopeKind switch
        {
            AccessScopeKind.All => AccessScope.All,
            AccessScopeKind.Record => submitted.AccessScope,
            _ => AccessScope.ForContentType(ResolveContentType(submitted.Scope, contentTypes)),
        };
        var owner = submitted.Owner
            ?? throw new ArgumentException("The event does not name its owner (events carry a patient tag): read it with GetGrantEventsAsync(owner: ...) or resolve it with GetGrantOwnerAsync.", nameof(submitted));
        var consent = ToConsent(new AccessGrant(owner, submitted.Grantee, scope, purpose, submitted.ExpiresAt), recordedAt, contentTypes);
        consent.Identifier = [new Identifier(ChainAuditEvents.GrantIdSystem, submitted.GrantId)];
        if (status is { Revoked: true } or { Voided: true })
        {
            consent.Status = Consent.ConsentState.Inactive;
        }

        return consent;
    }

    /// <summary>Maps a Consent back to the grant it expresses.</summary>
    /// <param name="consent">A Consent as <see cref="ToConsent"/> makes them: patient-privacy, one permit provision with one actor and one purpose.</param>
    /// <returns>The grant (with the salt when the Consent carries one).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consent"/> is null.</exception>
    /// <exception cref="FhirFormatException">The Consent does not express a grant; <see cref="FhirFormatException.JsonPath"/> names the element.</exception>
    public static AccessGrant ToGrant(Consent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (consent.Scope?.Coding.Any(c => c.System == ScopeSystem && c.Code == "patient-privacy") != true)
        {
            throw Error("Consent.scope", "a grant is a patient-privacy consent (consentscope#patient-privacy).");
        }

        var owner = Address(consent.Patient, "Consent.patient");
        var provision = consent.Provision ?? throw Error("Consent.provision", "a grant needs a provision.");
        if (provision.Type != Consent.ConsentProvisionType.Permit)
        {
            throw Error("Consent.provision.type", "a grant is a permit provision.");
        }

        if (provision.Actor.Count != 1)
        {
            throw Error("Consent.provision.actor", "a grant has exactly one actor, the grantee.");
        }

        var grantee = Address(provision.Actor[0].Reference, "Consent.provision.actor[0].reference");
        var purposes = provision.Purpose.Where(p => p.System == PurposeOfUse.System && !string.IsNullOrEmpty(p.Code)).ToArray();
        if (purposes.Length != 1)
        {
            throw Error("Consent.provision.purpose", $"a grant has exactly one purpose from {PurposeOfUse.System}.");
        }

        var end = provision.Period?.EndElement?.ToDateTimeOffset(TimeSpan.Zero)
            ?? throw Error("Consent.provision.period.end", "a grant ends: set the period's end.");
        var scope = ReadScope(provision);
        ReadOnlyMemory<byte>? salt = null;
        var saltValue = consent.Identifier.FirstOrDefault(i => i.System == SaltSystem)?.Value;
        if (saltValue is not null)
        {
            salt = ParseHex(saltValue, 32, "Consent.identifier");
        }

        var version = ReadUInt(consent, VersionSystem);
        var epoch = ReadUInt(consent, EpochSystem);

        return new AccessGrant(owner, grantee, scope, purposes[0].Code!, end, salt, version, epoch);
    }

    private static uint ReadUInt(Consent consent, string system)
    {
        var value = consent.Identifier.FirstOrDefault(i => i.System == system)?.Value;
        if (value is null)
        {
            return 0;
        }

        return uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw Error("Consent.identifier", $"the {system} identifier is a non-negative 32-bit integer.");
    }

    private static AccessScope ReadScope(Consent.provisionComponent provision)
    {
        if (provision.Data.Count > 0 && provision.Class.Count > 0)
        {
            throw Error("Consent.provision", "a grant covers one record (data) or one content type (class), not both.");
        }

        if (provision.Data.Count > 0)
        {
            if (provision.Data.Count != 1)
            {
                throw Error("Consent.provision.data", "a grant covers one record.");
            }

            var identifier = provision.Data[0].Reference?.Identifier;
            if (identifier?.System != RecordIdSystem || identifier.Value is null)
            {
                throw Error("Consent.provision.data[0].reference.identifier", $"name the record by its record id (system {RecordIdSystem}).");
            }

            return AccessScope.ForRecord(new RecordId(ParseHex(identifier.Value, 32, "Consent.provision.data[0].reference.identifier.value")));
        }

        if (provision.Class.Count > 0)
        {
            if (provision.Class.Count != 1 || provision.Class[0].System != ContentTypeSystem || string.IsNullOrEmpty(provision.Class[0].Code))
            {
                throw Error("Consent.provision.class", $"a grant covers one content type (system {ContentTypeSystem}).");
            }

            return AccessScope.ForContentType(provision.Class[0].Code!);
        }

        return AccessScope.All;
    }

    private static string ResolveContentType(string scopeValue, IEnumerable<string>? contentTypes)
    {
        foreach (var candidate in (contentTypes ?? []).Concat([FhirContentTypes.ResourceJson, FhirContentTypes.BundleLayoutJson]))
        {
            if (!string.IsNullOrEmpty(candidate) && string.Equals(AccessScope.ForContentType(candidate).Value, scopeValue, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new ArgumentException("The grant's content-type scope matches none of the given content types; pass the content type it was made for.", nameof(contentTypes));
    }

    private static EvmAddress Address(ResourceReference? reference, string path)
    {
        var identifier = reference?.Identifier;
        if (identifier?.System != AnchorProvenance.AddressSystem || string.IsNullOrEmpty(identifier.Value))
        {
            throw Error(path, $"name the account by its address (identifier system {AnchorProvenance.AddressSystem}).");
        }
        return EvmAddress.TryParse(identifier.Value, out var address)
            ? address
            : throw Error(path, "the address is not an EVM address (0x followed by 40 hex digits, one case or with a valid EIP-55 checksum).");
    }

    private static byte[] ParseHex(string value, int length, string path)
    {
        try
        {
            var bytes = Convert.FromHexString(value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value);
            return bytes.Length == length ? bytes : throw Error(path, string.Create(CultureInfo.InvariantCulture, $"expected {length} bytes of 0x-hex."));
        }
        catch (FormatException e)
        {
            throw new FhirFormatException($"{path}: expected 0x-hex.", path, e);
        }
    }

    private static FhirFormatException Error(string path, string message) => new($"{path}: {message}", path);
}
