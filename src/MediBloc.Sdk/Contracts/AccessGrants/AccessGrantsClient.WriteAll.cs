using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Crypto;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Contracts.AccessGrants;

public partial class AccessGrantsClient
{
    /// <summary>
    /// Whether <paramref name="author"/> may write records of every content type into <paramref name="owner"/>'s record
    /// for a purpose now: a live write grant of scope <see cref="AccessScope.All"/>. A provider-authored batch needs it
    /// (the registry does not see the content types inside a batch).
    /// </summary>
    /// <param name="owner">The patient.</param>
    /// <param name="author">The provider.</param>
    /// <param name="purpose">The purpose-of-use code, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when writes of every content type are consented.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> CanWriteAllAsync(EvmAddress owner, EvmAddress author, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var message = new CanWriteFunction
        {
            Owner = owner.ToString(),
            Author = author.ToString(),
            // No content type hashes to zero: only a grant for all content types admits it.
            ContentTypeId = new byte[32],
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        return Connection.CallValueAsync<CanWriteFunction, bool>(ContractAddress, message, Errors, "check write consent", cancellationToken);
    }
}
