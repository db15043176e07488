using MediBloc.Sdk.Crypto;
using System.Reflection;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Util;

namespace MediBloc.Sdk.Tests.Contracts;

/// <summary>
/// The message classes are generated at build time from the committed artifacts; these tests hold every function,
/// event and error of every embedded artifact against its generated binding (selector or topic computed by Nethereum
/// from the binding's attributes, return and indexed shapes), so a stale or missing binding fails here.
/// </summary>
public sealed class GeneratedBindingsTests
{
    /// <summary>Where each contract's bindings live (the <c>BindingsNamespace</c> metadata in MediBloc.Sdk.csproj).</summary>
    private static readonly Dictionary<string, string> Namespaces = new(StringComparer.Ordinal)
    {
        ["AccessGrants"] = "MediBloc.Sdk.Contracts.AccessGrants.Messages",
        ["Credentials"] = "MediBloc.Sdk.Contracts.Credentials.Messages",
        ["DataMarket"] = "MediBloc.Sdk.Contracts.DataMarket.Messages",
        ["InsuranceClaims"] = "MediBloc.Sdk.Contracts.InsuranceClaims.Messages",
        ["EmergencyAccess"] = "MediBloc.Sdk.Contracts.EmergencyAccess.Messages",
        ["MedToken"] = "MediBloc.Sdk.Contracts.MedToken.Messages",
        ["MediPoints"] = "MediBloc.Sdk.Contracts.MediPoints.Messages",
        ["RecordRegistry"] = "MediBloc.Sdk.Contracts.RecordRegistry.Messages",
        ["SearchIndex"] = "MediBloc.Sdk.Contracts.SearchIndex.Messages",
        ["StorageQuota"] = "MediBloc.Sdk.Contracts.StorageQuota.Messages",
        ["Studies"] = "MediBloc.Sdk.Contracts.Studies.Messages",
    };

    private static readonly Assembly Sdk = typeof(ContractArtifact).Assembly;

    public static TheoryData<string> Contracts()
    {
        var data = new TheoryData<string>();
        foreach (var name in EmbeddedContracts())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_embedded_artifact_has_a_bindings_namespace()
    {
        Assert.NotEmpty(EmbeddedContracts());
        Assert.All(EmbeddedContracts(), c => Assert.True(Namespaces.ContainsKey(c), $"{c} has no BindingsNamespace in this test's map (and in MediBloc.Sdk.csproj)"));
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Every_function_has_a_binding_with_the_artifacts_selector_and_outputs(string contract)
    {
        var abi = new ABIJsonDeserialiser().DeserialiseContract(ContractArtifact.Load(contract).Abi);
        var extractor = new AttributesToABIExtractor();
        Assert.All(abi.Functions, f =>
        {
            var type = Binding(contract, f.Name, "Function");
            var generated = extractor.ExtractFunctionABI(type);
            Assert.Equal(f.Name, generated.Name);
            Assert.Equal(f.Sha3Signature, generated.Sha3Signature);
            Assert.Equal(Canonical(f.InputParameters), Canonical(generated.InputParameters));
            Assert.Equal(Canonical(f.OutputParameters ?? []), Canonical(generated.OutputParameters ?? []));
            var output = Sdk.GetType(Namespaces[contract] + "." + Pascal(f.Name) + "Output");
            if (f.OutputParameters is null || f.OutputParameters.Length == 0)
            {
                Assert.Null(output);
            }
            else
            {
                Assert.NotNull(output);
                Assert.Equal(Canonical(f.OutputParameters), Canonical(extractor.ExtractParametersFromAttributes(output)));
            }
        });
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Every_event_has_a_binding_with_the_artifacts_topic_and_indexed_fields(string contract)
    {
        var abi = new ABIJsonDeserialiser().DeserialiseContract(ContractArtifact.Load(contract).Abi);
        var extractor = new AttributesToABIExtractor();
        Assert.All(abi.Events, e =>
        {
            var generated = extractor.ExtractEventABI(Binding(contract, e.Name, "EventDto"));
            Assert.Equal(e.Sha3Signature, generated.Sha3Signature);
            Assert.Equal(e.InputParameters.Select(p => p.Indexed), generated.InputParameters.OrderBy(p => p.Order).Select(p => p.Indexed));
        });
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Every_error_has_a_binding_with_the_artifacts_selector(string contract)
    {
        var abi = new ABIJsonDeserialiser().DeserialiseContract(ContractArtifact.Load(contract).Abi);
        var extractor = new AttributesToABIExtractor();
        Assert.All(abi.Errors, e =>
        {
            var generated = extractor.ExtractErrorABI(Binding(contract, e.Name, "Error"));
            Assert.Equal(e.Sha3Signature, generated.Sha3Signature);
        });
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Every_generated_message_is_in_the_artifact(string contract)
    {
        var abi = new ABIJsonDeserialiser().DeserialiseContract(ContractArtifact.Load(contract).Abi);
        var names = abi.Functions.Select(f => "function " + f.Name)
            .Concat(abi.Events.Select(e => "event " + e.Name))
            .Concat(abi.Errors.Select(e => "error " + e.Name))
            .ToHashSet(StringComparer.Ordinal);
        var generated = Sdk.GetTypes().Where(t => t.Namespace == Namespaces[contract]).ToList();
        Assert.NotEmpty(generated);
        Assert.All(generated.Where(t => !t.Name.EndsWith("Output", StringComparison.Ordinal) && !t.Name.EndsWith("Struct", StringComparison.Ordinal)), t =>
        {
            var declared = t.GetCustomAttribute<FunctionAttribute>() is { } f ? "function " + f.Name
                : t.GetCustomAttribute<EventAttribute>() is { } e ? "event " + e.Name
                : t.GetCustomAttribute<ErrorAttribute>() is { } r ? "error " + r.Name
                : null;
            Assert.True(declared is not null && names.Contains(declared), $"{t.FullName} is not a binding of {contract}'s ABI (a hand-written message class left behind?)");
        });
    }

    [Fact]
    public void Content_type_id_is_the_whole_keccak256()
    {
        // keccak256("application/fhir+json"), computed with Nethereum's Keccak over the UTF-8 bytes.
        var full = Sha3Keccack.Current.CalculateHash("application/fhir+json");

        Assert.Equal("0x" + full, ContentTypeId.Of("application/fhir+json").ToString());
    }

    [Fact]
    public void Record_id_is_keccak256_of_the_abi_encoded_owner_and_commitment()
    {
        const string owner = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        var commitment = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        // abi.encode(address, bytes32): the address left-padded to 32 bytes, then the commitment.
        var encoded = "000000000000000000000000" + owner[2..].ToLowerInvariant() + Convert.ToHexString(commitment).ToLowerInvariant();

        var id = RecordId.Of(EvmAddress.Parse(owner.ToLowerInvariant()), new Commitment(commitment)).ToBytes();

        Assert.Equal(Sha3Keccack.Current.CalculateHashFromHex(encoded), Convert.ToHexString(id).ToLowerInvariant());
        Assert.NotEqual(id, RecordId.Of(EvmAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), new Commitment(commitment)).ToBytes());
        Assert.Equal(id, RecordRegistryClient.ComputeBatchId(EvmAddress.Parse(owner), commitment));
        Assert.Throws<InvalidFormatException>(() => new Commitment(new byte[31]));
    }

    private static List<string> EmbeddedContracts()
    {
        const string Prefix = "MediBloc.Sdk.Contracts.";
        return Sdk.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static Type Binding(string contract, string abiName, string suffix)
    {
        var name = Namespaces[contract] + "." + Pascal(abiName) + suffix;
        return Sdk.GetType(name) ?? throw new Xunit.Sdk.XunitException($"{contract}.{abiName} has no generated binding {name}");
    }

    private static string Pascal(string abiName)
    {
        var trimmed = abiName.Trim('_');
        return char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
    }

    private static string Canonical(IEnumerable<Parameter> parameters) =>
        string.Join(",", parameters.OrderBy(p => p.Order).Select(p => p.ABIType.CanonicalName));
}
