using MediBloc.Sdk.Crypto;
using System.Globalization;
using Hl7.Fhir.Model;
using FhirProvenance = Hl7.Fhir.Model.Provenance;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// A FHIR R4 <c>Provenance</c> for an anchored record, and the anchor read back from one.
/// </summary>
/// <remarks>
/// The Provenance uses base R4 elements only, so it validates without extra profiles:
/// <list type="bullet">
/// <item><c>target</c>: the resource the record holds; <c>recorded</c>: the anchor's block time.</item>
/// <item><c>agent[0]</c>: type <c>author</c> (provenance-participant-type), <c>who</c> the patient (or other author) reference,
/// with the owner's EVM address as <c>who.identifier</c> (system <see cref="AddressSystem"/>).</item>
/// <item><c>policy</c>: <see cref="Policy"/>, the anchoring scheme (salted SHA-256 commitment of the exact bytes, anchored on an EVM chain).</item>
/// <item><c>entity</c>, all with role <c>source</c>, each a <c>what.identifier</c>: the sealed envelope's CID (system
/// <see cref="CidSystem"/>), the anchoring transaction as <c>eip155:{chainId}:{txHash}</c> (system <see cref="TransactionSystem"/>),
/// and the commitment (system <see cref="CommitmentSystem"/>).</item>
/// </list>
/// </remarks>
public static class AnchorProvenance
{
    /// <summary>The policy URI naming the anchoring scheme.</summary>
    public const string Policy = "urn:medibloc:policy:record-anchor:v1";
    /// <summary>Identifier system of a sealed envelope's CID.</summary>
    public const string CidSystem = "urn:medibloc:cid";
    /// <summary>Identifier system of an anchoring transaction (<c>eip155:{chainId}:{0x tx hash}</c>).</summary>
    public const string TransactionSystem = "urn:medibloc:anchor-transaction";
    /// <summary>Identifier system of a salted commitment (0x-hex SHA-256).</summary>
    public const string CommitmentSystem = "urn:medibloc:commitment";
    /// <summary>Identifier system of a record id, the record's name on chain: keccak256(abi.encode(owner, commitment)), 0x-hex (protocol v2).</summary>
    public const string RecordIdSystem = "urn:medibloc:record-id";
    /// <summary>Identifier system of an EVM account address.</summary>
    public const string AddressSystem = "urn:medibloc:evm-address";

    /// <summary>Creates the Provenance of an anchored record.</summary>
    /// <param name="anchor">The anchor facts.</param>
    /// <param name="target">A reference to the resource the record holds (for example its <c>fullUrl</c> or <c>Observation/123</c>).</param>
    /// <param name="author">A reference to the author, usually the patient (for example <c>Patient/123</c>).</param>
    /// <returns>The Provenance (no id; assign one when you store it).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> or <paramref name="author"/> is empty.</exception>
    public static FhirProvenance Create(RecordAnchor anchor, string target, string author)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        return new FhirProvenance
        {
            Target = [new ResourceReference(target)],
            RecordedElement = new Instant(anchor.AnchoredAt),
            Policy = [Policy],
            Agent =
            [
                new FhirProvenance.AgentComponent
                {
                    Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"),
                    Who = new ResourceReference(author) { Identifier = new Identifier(AddressSystem, anchor.Owner.ToString()) },
                },
            ],
            Entity =
            [
                Entity(CidSystem, anchor.Cid, "Sealed record envelope"),
                Entity(TransactionSystem, string.Create(CultureInfo.InvariantCulture, $"eip155:{anchor.ChainId}:{anchor.TransactionHash}"), "Anchoring transaction"),
                Entity(CommitmentSystem, anchor.Commitment.ToString(), "Salted commitment (SHA-256)"),
            ],
        };
    }

    /// <summary>Reads the anchor facts back from a Provenance made by <see cref="Create"/>.</summary>
    /// <param name="provenance">The Provenance.</param>
    /// <returns>The anchor, or null when the Provenance does not describe a record anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provenance"/> is null.</exception>
    public static RecordAnchor? ReadAnchor(FhirProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        if (!provenance.Policy.Contains(Policy))
        {
            return null;
        }
        string? Find(string system) => provenance.Entity.Select(e => e.What?.Identifier).FirstOrDefault(i => i?.System == system)?.Value;
        var cid = Find(CidSystem);
        var tx = Find(TransactionSystem);
        var commitment = Find(CommitmentSystem);
        var owner = provenance.Agent.Select(a => a.Who?.Identifier).FirstOrDefault(i => i?.System == AddressSystem)?.Value;
        var parts = tx?.Split(':');
        if (cid is null || !Commitment.TryParse(commitment, out var parsed) || !EvmAddress.TryParse(owner, out var ownerAddress) || parts is not { Length: 3 } || parts[0] != "eip155" ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var chainId) || provenance.Recorded is not { } recorded)
        {
            return null;
        }
        return new RecordAnchor(chainId, parts[2], parsed, cid, ownerAddress, recorded);
    }

    private static FhirProvenance.EntityComponent Entity(string system, string value, string display) => new()
    {
        Role = FhirProvenance.ProvenanceEntityRole.Source,
        What = new ResourceReference { Identifier = new Identifier(system, value), Display = display },
    };
}
