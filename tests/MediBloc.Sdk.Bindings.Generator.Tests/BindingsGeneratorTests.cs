using System.Numerics;
using System.Reflection;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Bindings.Generator.Tests;

public sealed class BindingsGeneratorTests
{
    private const string Ns = "Sample.Vault.Messages";

    /// <summary>A small ABI with every shape the SDK's contracts use: tuples in and out, arrays, indexed fields, errors with and without fields, payable, unnamed returns, trailing underscores.</summary>
    private const string VaultAbi = """
        {
          "contractName": "Vault",
          "abi": [
            { "type": "constructor", "inputs": [{ "name": "med_", "type": "address" }], "stateMutability": "nonpayable" },
            { "type": "function", "name": "lockDeposit", "stateMutability": "nonpayable", "outputs": [],
              "inputs": [{ "name": "account", "type": "address" }, { "name": "points_", "type": "uint256" }] },
            { "type": "function", "name": "widths", "stateMutability": "pure", "inputs": [],
              "outputs": [
                { "name": "", "type": "uint8" }, { "name": "", "type": "uint16" }, { "name": "", "type": "uint24" },
                { "name": "", "type": "uint32" }, { "name": "", "type": "uint40" }, { "name": "", "type": "uint64" },
                { "name": "", "type": "uint72" }, { "name": "", "type": "uint256" }, { "name": "", "type": "int8" },
                { "name": "", "type": "int256" }, { "name": "", "type": "bytes4" }, { "name": "", "type": "bytes" },
                { "name": "", "type": "bool" }, { "name": "", "type": "string" }, { "name": "", "type": "address" }
              ] },
            { "type": "function", "name": "submitGrant", "stateMutability": "nonpayable",
              "inputs": [
                { "name": "g", "type": "tuple", "internalType": "struct Vault.Grant", "components": [
                  { "name": "owner", "type": "address", "internalType": "address" },
                  { "name": "expiresAt", "type": "uint64", "internalType": "uint64" },
                  { "name": "tags", "type": "bytes32[]", "internalType": "bytes32[]" } ] },
                { "name": "signature", "type": "bytes" } ],
              "outputs": [{ "name": "grantId", "type": "bytes32" }] },
            { "type": "function", "name": "getGrants", "stateMutability": "view",
              "inputs": [{ "name": "owners", "type": "address[]" }],
              "outputs": [{ "name": "", "type": "tuple[]", "internalType": "struct Vault.Grant[]", "components": [
                  { "name": "owner", "type": "address", "internalType": "address" },
                  { "name": "expiresAt", "type": "uint64", "internalType": "uint64" },
                  { "name": "tags", "type": "bytes32[]", "internalType": "bytes32[]" } ] }] },
            { "type": "function", "name": "getRequest", "stateMutability": "view",
              "inputs": [{ "name": "requestId", "type": "uint256" }],
              "outputs": [{ "name": "", "type": "tuple", "internalType": "struct Vault.Request", "components": [
                  { "name": "researcher", "type": "address", "internalType": "address" },
                  { "name": "grant", "type": "tuple", "internalType": "struct Vault.Grant", "components": [
                    { "name": "owner", "type": "address", "internalType": "address" },
                    { "name": "expiresAt", "type": "uint64", "internalType": "uint64" },
                    { "name": "tags", "type": "bytes32[]", "internalType": "bytes32[]" } ] } ] }] },
            { "type": "function", "name": "deposit", "stateMutability": "payable", "inputs": [], "outputs": [] },
            { "type": "function", "name": "hashUpdate", "stateMutability": "view",
              "inputs": [{ "name": "handle", "type": "bytes32" }, { "name": "nonce", "type": "uint32" }],
              "outputs": [{ "name": "", "type": "bytes32" }] },
            { "type": "function", "name": "GRANT_TYPEHASH", "stateMutability": "view", "inputs": [], "outputs": [{ "name": "", "type": "bytes32" }] },
            { "type": "event", "name": "Locked", "anonymous": false, "inputs": [
                { "name": "account", "type": "address", "indexed": true },
                { "name": "grantId", "type": "bytes32", "indexed": true },
                { "name": "points", "type": "uint256", "indexed": false } ] },
            { "type": "error", "name": "InsufficientPoints", "inputs": [
                { "name": "available", "type": "uint256" }, { "name": "needed", "type": "uint256" } ] },
            { "type": "error", "name": "ZeroValue", "inputs": [] }
          ]
        }
        """;

    [Fact]
    public void Names_follow_the_convention()
    {
        var source = GeneratorHarness.Run(("Vault.json", VaultAbi, Ns)).Source;

        Assert.Contains("namespace Sample.Vault.Messages;", source);
        foreach (var declaration in new[]
        {
            "internal sealed partial class LockDepositFunction : global::Nethereum.Contracts.FunctionMessage",
            "internal sealed partial class SubmitGrantOutput : global::Nethereum.ABI.FunctionEncoding.Attributes.IFunctionOutputDTO",
            "internal sealed partial class GRANT_TYPEHASHFunction",
            "internal sealed partial class LockedEventDto : global::Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO",
            "internal sealed partial class InsufficientPointsError : global::Nethereum.ABI.FunctionEncoding.Attributes.IErrorDTO",
            "internal sealed partial class ZeroValueError",
            "internal sealed partial class GrantStruct",
            "internal sealed partial class RequestStruct",
            "[global::Nethereum.ABI.FunctionEncoding.Attributes.Function(\"submitGrant\", \"bytes32\")]",
            "[global::Nethereum.ABI.FunctionEncoding.Attributes.Function(\"getRequest\", typeof(global::Sample.Vault.Messages.GetRequestOutput))]",
            "[global::Nethereum.ABI.FunctionEncoding.Attributes.Function(\"lockDeposit\")]",
            "[global::Nethereum.ABI.FunctionEncoding.Attributes.Parameter(\"uint256\", \"points_\", 2)]",
            "[global::Nethereum.ABI.FunctionEncoding.Attributes.Parameter(\"address\", \"account\", 1, true)]",
            "[global::Nethereum.ABI.FunctionEncoding.Attributes.Parameter(\"uint256\", \"points\", 3, false)]",
        })
        {
            Assert.Contains(declaration, source);
        }

        Assert.DoesNotContain("LockDepositOutput", source);
        Assert.DoesNotContain("Constructor", source, StringComparison.OrdinalIgnoreCase);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(source, "class GrantStruct"));
    }

    [Fact]
    public void Types_follow_the_convention()
    {
        var assembly = GeneratorHarness.Run(("Vault.json", VaultAbi, Ns)).Load();

        Assert.Equal(
            [typeof(byte), typeof(ushort), typeof(uint), typeof(uint), typeof(ulong), typeof(ulong), typeof(BigInteger), typeof(BigInteger), typeof(BigInteger), typeof(BigInteger), typeof(byte[]), typeof(byte[]), typeof(bool), typeof(string), typeof(string)],
            Properties(assembly, "WidthsOutput").Select(p => p.PropertyType));
        Assert.Equal(Enumerable.Range(1, 15).Select(i => "ReturnValue" + i), Properties(assembly, "WidthsOutput").Select(p => p.Name));

        var lockDeposit = Properties(assembly, "LockDepositFunction");
        Assert.Equal(["Account", "Points"], lockDeposit.Select(p => p.Name));
        Assert.Equal([typeof(string), typeof(BigInteger)], lockDeposit.Select(p => p.PropertyType));

        var grant = assembly.GetType(Ns + ".GrantStruct")!;
        Assert.Equal(typeof(List<byte[]>), grant.GetProperty("Tags")!.PropertyType);
        Assert.Equal(typeof(ulong), grant.GetProperty("ExpiresAt")!.PropertyType);
        Assert.Equal(grant, assembly.GetType(Ns + ".SubmitGrantFunction")!.GetProperty("G")!.PropertyType);
        Assert.Equal("Grant", grant.GetCustomAttribute<StructAttribute>()!.Name);
        Assert.Equal(typeof(List<>).MakeGenericType(grant), assembly.GetType(Ns + ".GetGrantsOutput")!.GetProperty("ReturnValue1")!.PropertyType);
        Assert.Equal(typeof(List<string>), assembly.GetType(Ns + ".GetGrantsFunction")!.GetProperty("Owners")!.PropertyType);
        Assert.Equal(grant, assembly.GetType(Ns + ".RequestStruct")!.GetProperty("Grant")!.PropertyType);
        Assert.Equal(typeof(byte[]), assembly.GetType(Ns + ".SubmitGrantOutput")!.GetProperty("GrantId")!.PropertyType);
        Assert.True(typeof(FunctionMessage).IsAssignableFrom(assembly.GetType(Ns + ".DepositFunction")));
        Assert.Equal(typeof(BigInteger), Properties(assembly, "InsufficientPointsError")[1].PropertyType);

        // Every class is internal; none defaults a reference property to null.
        Assert.All(assembly.GetTypes(), t => Assert.False(t.IsPublic, t.Name));
        var request = Activator.CreateInstance(assembly.GetType(Ns + ".RequestStruct")!)!;
        Assert.Equal(string.Empty, request.GetType().GetProperty("Researcher")!.GetValue(request));
        Assert.NotNull(request.GetType().GetProperty("Grant")!.GetValue(request));
    }

    [Fact]
    public void Selectors_topics_and_shapes_equal_the_abis()
    {
        var assembly = GeneratorHarness.Run(("Vault.json", VaultAbi, Ns)).Load();
        var abiJson = System.Text.Json.JsonDocument.Parse(VaultAbi).RootElement.GetProperty("abi").GetRawText();
        var abi = new ABIJsonDeserialiser().DeserialiseContract(abiJson);
        var extractor = new AttributesToABIExtractor();

        Assert.All(abi.Functions, f =>
        {
            var generated = extractor.ExtractFunctionABI(assembly.GetType(Ns + "." + char.ToUpperInvariant(f.Name[0]) + f.Name[1..] + "Function")!);
            Assert.Equal(f.Sha3Signature, generated.Sha3Signature);
            Assert.Equal(Canonical(f.OutputParameters), Canonical(generated.OutputParameters));
        });
        Assert.Equal(abi.Events[0].Sha3Signature, extractor.ExtractEventABI(assembly.GetType(Ns + ".LockedEventDto")!).Sha3Signature);
        Assert.Equal([true, true, false], extractor.ExtractEventABI(assembly.GetType(Ns + ".LockedEventDto")!).InputParameters.Select(p => p.Indexed));
        Assert.Equal(abi.Errors.Select(e => e.Sha3Signature), abi.Errors.Select(e => extractor.ExtractErrorABI(assembly.GetType(Ns + "." + e.Name + "Error")!).Sha3Signature));
    }

    [Fact]
    public void A_parameter_named_like_a_FunctionMessage_member_hides_it_and_still_encodes()
    {
        var assembly = GeneratorHarness.Run(("Vault.json", VaultAbi, Ns)).Load();
        var message = (FunctionMessage)Activator.CreateInstance(assembly.GetType(Ns + ".HashUpdateFunction")!)!;
        message.GetType().GetProperty("Handle")!.SetValue(message, new byte[32]);
        message.GetType().GetProperties().Single(p => p.Name == "Nonce" && p.PropertyType == typeof(uint)).SetValue(message, 7u);

        var getCallData = typeof(FunctionMessage).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .First(m => m.Name == "GetCallData" && m.IsGenericMethodDefinition && m.GetParameters().Length == 1)
            .MakeGenericMethod(message.GetType());
        var callData = ((byte[])getCallData.Invoke(null, [message])!).ToHex();

        Assert.EndsWith("0000000000000000000000000000000000000000000000000000000000000007", callData);
        Assert.Null(message.Nonce); // the transaction nonce is untouched
    }

    [Fact]
    public void FunctionMessage_members_are_all_known_to_the_generator()
    {
        var members = typeof(FunctionMessage).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);

        Assert.All(members, m => Assert.Contains(m, BindingNames.FunctionMessageMembers));
    }

    [Fact]
    public void Without_namespace_metadata_the_bindings_go_under_the_root_namespace()
    {
        var run = GeneratorHarness.Run(("Vault.json", VaultAbi, null));

        Assert.Contains("namespace Test.Root.Vault.Messages;", run.Source);
        Assert.Equal("Sample.Vault.Messages.Vault.g.cs", GeneratorHarness.Run(("Vault.json", VaultAbi, Ns)).Sources.Keys.Single());
    }

    [Fact]
    public void A_bare_abi_array_is_named_after_its_file()
    {
        var run = GeneratorHarness.Run(("Token.json", """[{ "type": "function", "name": "totalSupply", "inputs": [], "outputs": [{ "name": "", "type": "uint256" }], "stateMutability": "view" }]""", null));

        Assert.Contains("namespace Test.Root.Token.Messages;", run.Source);
        Assert.Contains("class TotalSupplyFunction", run.Source);
        run.Load();
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(GeneratorHarness.Run(("Vault.json", VaultAbi, Ns)).Source, GeneratorHarness.Run(("Vault.json", VaultAbi, Ns)).Source);
    }

    private static List<PropertyInfo> Properties(Assembly assembly, string type) =>
        [.. assembly.GetType(Ns + "." + type)!.GetProperties()
            .Where(p => p.GetCustomAttribute<ParameterAttribute>() is not null)
            .OrderBy(p => p.GetCustomAttribute<ParameterAttribute>()!.Parameter.Order)];

    private static string Canonical(Parameter[]? parameters) =>
        string.Join(",", (parameters ?? []).OrderBy(p => p.Order).Select(p => p.ABIType.CanonicalName));
}
