using System.Numerics;

namespace MediBloc.Sdk.EmbeddedChain.State;

/// <summary>One account of the world state: balance, nonce, code and storage.</summary>
internal sealed class AccountState
{
    public BigInteger Balance { get; set; }

    public BigInteger Nonce { get; set; }

    public byte[] Code { get; set; } = [];

    public Dictionary<BigInteger, byte[]> Storage { get; } = [];

    public bool IsEmpty => Balance.IsZero && Nonce.IsZero && Code.Length == 0 && Storage.Count == 0;

    public AccountState Clone()
    {
        var copy = new AccountState { Balance = Balance, Nonce = Nonce, Code = Code };
        foreach (var (key, value) in Storage)
        {
            copy.Storage[key] = value;
        }
        return copy;
    }
}
