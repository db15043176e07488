using System.Text;
using MediBloc.Sdk.Crypto;
using Nethereum.Signer;

namespace MediBloc.Sdk.Crypto.Tests.Signing;

public class PersonalMessageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("I consent to share my 2026 lab results with Dr. Kim.")]
    [InlineData("유전체 데이터 열람 동의")]
    public void Sign_agrees_with_Nethereum_EthereumMessageSigner_and_recovers_the_address(string message)
    {
        using var key = Secp256k1PrivateKey.Generate();
        var bytes = Encoding.UTF8.GetBytes(message);
        var signature = PersonalMessage.Sign(bytes, key);
        var theirs = new EthereumMessageSigner().EncodeUTF8AndSign(message, new EthECKey(key.ExportPrivateKey(), true));
        Assert.Equal(theirs, signature.ToString());
        Assert.Equal(key.Address, PersonalMessage.RecoverSigner(bytes, EcdsaSignature.FromRsvHex(theirs)));
        Assert.True(PersonalMessage.Verify(bytes, signature, key.Address));
        Assert.Equal(key.Address.ToString(), new EthereumMessageSigner().EncodeUTF8AndEcRecover(message, theirs), ignoreCase: true);
    }

    [Fact]
    public void Hash_is_Keccak_of_the_EIP_191_prefix_and_decimal_length()
    {
        var expected = Keccak256.Hash("\u0019Ethereum Signed Message:\n5hello"u8);
        Assert.Equal(expected, PersonalMessage.Hash("hello"u8));
    }

    [Fact]
    public void Verify_is_false_for_another_message_or_signer()
    {
        using var key = Secp256k1PrivateKey.Generate();
        using var other = Secp256k1PrivateKey.Generate();
        var signature = PersonalMessage.Sign("grant"u8, key);
        Assert.False(PersonalMessage.Verify("grant!"u8, signature, key.Address));
        Assert.False(PersonalMessage.Verify("grant"u8, signature, other.Address));
    }
}
