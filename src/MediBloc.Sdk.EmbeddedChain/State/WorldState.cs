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
    public void Apply(ExecutionStateService execution, IEnumerable<string>? deleted)
    {
        foreach (var (address, changed) in execution.AccountsState)
        {
            var key = Addresses.Normalize(address);
            _accounts.TryGetValue(key, out var existing);
            var balance = (changed.Balance.InitialChainBalance ?? existing?.Balance ?? BigInteger.Zero)
                + (changed.Balance.ExecutionBalance ?? BigInteger.Zero);
            var account = existing ?? new AccountState();
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
                _accounts.Remove(Addresses.Normalize(address));
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
