using System.Numerics;
using MediBloc.Sdk.Contracts;
using Nethereum.ABI;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MediBloc.Sdk.Tests.Contracts;

public sealed class RevertDecoderTests
{
    private static readonly IReadOnlyList<ContractError> RegistryErrors = ContractArtifact.RecordRegistry.Errors;

    [Fact]
    public void Registry_errors_are_read_from_the_abi_with_their_solidity_selectors()
    {
        var already = Assert.Single(RegistryErrors, e => e.Name == "AlreadyAnchored");

        Assert.Equal("AlreadyAnchored(bytes32)", already.Signature);
        // keccak256("AlreadyAnchored(bytes32)")[0..4], computed independently of the decoder.
        Assert.Equal(Sha3Keccack.Current.CalculateHash("AlreadyAnchored(bytes32)")[..8], already.Selector);
        Assert.Contains(RegistryErrors, e => e.Signature == "EmptyCommitment()");
    }

    [Fact]
    public void Custom_error_is_decoded_to_its_name_and_arguments()
    {
        var commitment = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        const string owner = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        var data = Selector("NoWriteConsent(address,address,bytes32,bytes32)")
            + Encode(new Parameter("address", 1), owner, new Parameter("address", 2), owner, new Parameter("bytes32", 3), commitment, new Parameter("bytes32", 4), commitment);

        var decoded = RevertDecoder.Decode(data, RegistryErrors);

        Assert.NotNull(decoded);
        Assert.Equal("NoWriteConsent", decoded.Name);
        Assert.Equal([owner, owner, commitment.ToHex(true), commitment.ToHex(true)], decoded.Arguments);
        Assert.Equal($"NoWriteConsent({owner}, {owner}, {commitment.ToHex(true)}, {commitment.ToHex(true)})", RevertDecoder.Describe(decoded));
    }

    [Fact]
    public void Error_string_is_decoded_to_its_reason()
    {
        var data = Selector("Error(string)") + Encode(new Parameter("string", 1), "not the owner");

        Assert.Equal("not the owner", RevertDecoder.Decode(data, RegistryErrors)!.Name);
    }

    [Fact]
    public void Panic_is_decoded_with_its_code()
    {
        var data = Selector("Panic(uint256)") + Encode(new Parameter("uint256", 1), new BigInteger(0x11));

        var decoded = RevertDecoder.Decode(data, RegistryErrors)!;

        Assert.Equal("Panic", decoded.Name);
        Assert.Equal([new BigInteger(0x11)], decoded.Arguments);
    }

    [Fact]
    public void Unknown_selector_is_reported_as_the_selector()
    {
        Assert.Equal("0xdeadbeef", RevertDecoder.Decode("0xdeadbeef", RegistryErrors)!.Name);
    }

    [Fact]
    public void Truncated_arguments_fall_back_to_the_selector_instead_of_throwing()
    {
        var data = Selector("NoWriteConsent(address,address,bytes32,bytes32)") + "00ff";

        Assert.Equal("0x" + Selector("NoWriteConsent(address,address,bytes32,bytes32)"), RevertDecoder.Decode(data, RegistryErrors)!.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("0x1234")]
    public void No_revert_data_decodes_to_null(string? data)
    {
        Assert.Null(RevertDecoder.Decode(data, RegistryErrors));
    }

    private static string Selector(string signature) => Sha3Keccack.Current.CalculateHash(signature)[..8];

    private static string Encode(params object[] pairs)
    {
        var parameters = new List<Parameter>();
        var values = new List<object>();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            parameters.Add((Parameter)pairs[i]);
            values.Add(pairs[i + 1]);
        }
        return new ParametersEncoder().EncodeParameters([.. parameters], [.. values]).ToHex();
    }
}
