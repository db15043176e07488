using System.Numerics;

namespace MediBloc.Sdk.EmbeddedChain.State;

/// <summary>
/// What one block changed, recorded as the values before it, so the state at an older block can be rebuilt
/// from the latest state (for <c>eth_call</c>, balances, code and storage "at block N"). Immutable once made.
/// </summary>
internal sealed class StateUndo
{
    public static StateUndo Empty { get; } = new([]);

    public StateUndo(IReadOnlyList<AccountUndo> accounts) => Accounts = accounts;

    /// <summary>The accounts the block touched, each with its values before the block, in the order they were touched.</summary>
    public IReadOnlyList<AccountUndo> Accounts { get; }

    /// <summary>This block's changes followed by more changes made to the same block's state (for example <c>anvil_setBalance</c>).</summary>
    public StateUndo Then(AccountUndo more) => new([.. Accounts, more]);
}

/// <summary>One account before a change: absent, or its balance, nonce, code and the old values of the slots that changed.</summary>
/// <param name="Address">The normalised address.</param>
/// <param name="Before">The whole account before (a copy) when it was deleted; otherwise <see langword="null"/>.</param>
/// <param name="Existed">Whether the account existed before.</param>
/// <param name="Balance">The balance before.</param>
/// <param name="Nonce">The nonce before.</param>
/// <param name="Code">The code before.</param>
/// <param name="Slots">Each changed slot with its value before (<see langword="null"/> when it was empty).</param>
internal sealed record AccountUndo(
    string Address,
    AccountState? Before,
    bool Existed,
    BigInteger Balance,
    BigInteger Nonce,
    byte[] Code,
    IReadOnlyList<KeyValuePair<BigInteger, byte[]?>> Slots);
