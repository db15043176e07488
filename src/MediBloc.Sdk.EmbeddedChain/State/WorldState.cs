using System.Numerics;
using Nethereum.EVM.BlockchainState;

namespace MediBloc.Sdk.EmbeddedChain.State;

/// <summary>
/// The committed world state, keyed by lower-case 0x address. Every transaction reads it through
/// <see cref="INodeDataService"/> from a fresh <see cref="ExecutionStateService"/> and writes back only when
/// it is mined, so no warm address, warm slot or transient storage survives from one transaction to the next.
/// </summary>
internal sealed class WorldState : INodeDataService
{
    private static readonly byte[] ZeroWord = new byte[32];
    private readonly Dictionary<string, AccountState> _accounts;
    private readonly Func<BigInteger, byte[]?> _blockHash;

    public WorldState(Func<BigInteger, byte[]?> blockHash)
        : this(new Dictionary<string, AccountState>(StringComparer.Ordinal), blockHash)
    {
    }

    private WorldState(Dictionary<string, AccountState> accounts, Func<BigInteger, byte[]?> blockHash)
    {
        _accounts = accounts;
        _blockHash = blockHash;
    }

    public WorldState Clone()
    {
        var copy = new Dictionary<string, AccountState>(_accounts.Count, StringComparer.Ordinal);
        foreach (var (address, account) in _accounts)
        {
            copy[address] = account.Clone();
        }
        return new WorldState(copy, _blockHash);
    }

    public AccountState? Find(string address) =>
        _accounts.TryGetValue(Addresses.Normalize(address), out var account) ? account : null;

    public AccountState GetOrCreate(string address)
    {
        address = Addresses.Normalize(address);
        if (!_accounts.TryGetValue(address, out var account))
        {
            account = new AccountState();
            _accounts[address] = account;
        }
        return account;
    }

    public BigInteger GetBalance(string address) => Find(address)?.Balance ?? BigInteger.Zero;

    public BigInteger GetNonce(string address) => Find(address)?.Nonce ?? BigInteger.Zero;

    public byte[] GetCode(string address) => Find(address)?.Code ?? [];

    public byte[] GetStorage(string address, BigInteger slot) =>
        Find(address) is { } account && account.Storage.TryGetValue(slot, out var value) ? value : ZeroWord;

    /// <summary>Copies what one execution changed back into the committed state.</summary>
    /// <returns>The values before, to rebuild the state as it was (see <see cref="Undo"/>).</returns>
    public StateUndo Apply(ExecutionStateService execution, IEnumerable<string>? deleted)
    {
        var undo = new List<AccountUndo>();
        foreach (var (address, changed) in execution.AccountsState)
        {
            var key = Addresses.Normalize(address);
            _accounts.TryGetValue(key, out var existing);
            var balance = (changed.Balance.InitialChainBalance ?? existing?.Balance ?? BigInteger.Zero)
                + (changed.Balance.ExecutionBalance ?? BigInteger.Zero);
            var account = existing ?? new AccountState();
            var oldSlots = new List<KeyValuePair<BigInteger, byte[]?>>(changed.Storage.Count);
            foreach (var slot in changed.Storage.Keys)
            {
                oldSlots.Add(new(slot, account.Storage.GetValueOrDefault(slot)));
            }
            undo.Add(new AccountUndo(key, null, existing is not null, account.Balance, account.Nonce, account.Code, oldSlots));

            account.Balance = balance;
            if (changed.Nonce is { } nonce)
            {
                account.Nonce = nonce;
            }
            if (changed.Code is { } code)
            {
                account.Code = code;
            }
            foreach (var (slot, value) in changed.Storage)
            {
                if (value is null || value.AsSpan().IndexOfAnyExcept((byte)0) < 0)
                {
                    account.Storage.Remove(slot);
                }
                else
                {
                    account.Storage[slot] = value;
                }
            }
            if (existing is null && !account.IsEmpty)
            {
                _accounts[key] = account;
            }
        }
        if (deleted is not null)
        {
            foreach (var address in deleted)
            {
                var key = Addresses.Normalize(address);
                if (_accounts.Remove(key, out var gone))
                {
                    undo.Add(new AccountUndo(key, gone, true, gone.Balance, gone.Nonce, gone.Code, []));
                }
            }
        }
        return new StateUndo(undo);
    }

    /// <summary>Sets a balance outside any transaction, returning the value before.</summary>
    public AccountUndo SetBalance(string address, BigInteger wei)
    {
        var key = Addresses.Normalize(address);
        var existed = _accounts.TryGetValue(key, out var account);
        var before = new AccountUndo(key, null, existed, account?.Balance ?? BigInteger.Zero, account?.Nonce ?? BigInteger.Zero, account?.Code ?? [], []);
        GetOrCreate(key).Balance = wei;
        return before;
    }

    /// <summary>Reverses one block's changes (its <see cref="StateUndo"/>), newest change first.</summary>
    public void Undo(StateUndo undo)
    {
        for (var i = undo.Accounts.Count - 1; i >= 0; i--)
        {
            var entry = undo.Accounts[i];
            if (entry.Before is { } whole)
            {
                _accounts[entry.Address] = whole.Clone();
                continue;
            }
            if (!entry.Existed)
            {
                _accounts.Remove(entry.Address);
                continue;
            }
            var account = GetOrCreate(entry.Address);
            account.Balance = entry.Balance;
            account.Nonce = entry.Nonce;
            account.Code = entry.Code;
            foreach (var (slot, value) in entry.Slots)
            {
                if (value is null)
                {
                    account.Storage.Remove(slot);
                }
                else
                {
                    account.Storage[slot] = value;
                }
            }
        }
    }

    Task<BigInteger> INodeDataService.GetBalanceAsync(byte[] address) => Task.FromResult(GetBalance(Addresses.FromBytes(address)));

    Task<BigInteger> INodeDataService.GetBalanceAsync(string address) => Task.FromResult(GetBalance(address));

    Task<byte[]> INodeDataService.GetCodeAsync(byte[] address) => Task.FromResult(GetCode(Addresses.FromBytes(address)));

    Task<byte[]> INodeDataService.GetCodeAsync(string address) => Task.FromResult(GetCode(address));

    Task<byte[]> INodeDataService.GetBlockHashAsync(BigInteger blockNumber) => Task.FromResult(_blockHash(blockNumber) ?? ZeroWord);

    Task<byte[]> INodeDataService.GetStorageAtAsync(byte[] address, BigInteger position) =>
        Task.FromResult(GetStorage(Addresses.FromBytes(address), position));

    Task<byte[]> INodeDataService.GetStorageAtAsync(string address, BigInteger position) => Task.FromResult(GetStorage(address, position));

    Task<BigInteger> INodeDataService.GetTransactionCount(byte[] address) => Task.FromResult(GetNonce(Addresses.FromBytes(address)));

    Task<BigInteger> INodeDataService.GetTransactionCount(string address) => Task.FromResult(GetNonce(address));
}
