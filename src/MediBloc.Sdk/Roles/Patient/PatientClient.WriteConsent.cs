using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientClient
{
    /// <summary>
    /// Lets a certified provider write records into my record: signs an EIP-712 write grant (who, which content types,
    /// which purpose, until when) and puts it in force on chain. The provider then writes with
    /// <see cref="MediBloc.Sdk.Roles.Provider.ProviderClient.WriteRecordAsync"/>; I own every record it writes, it is named as their author. The
    /// grant is standing (any number of records until it expires) and revocable: pass its id to <see cref="RevokeAsync"/>.
    /// </summary>
    /// <param name="author">The provider's address.</param>
    /// <param name="scope">Which records: <see cref="AccessScope.ForContentType"/> or <see cref="AccessScope.All"/> (any content type).</param>
    /// <param name="purpose">The purpose-of-use code, e.g. <c>TREAT</c>; the provider declares it when writing.</param>
    /// <param name="expiresAt">When the grant ends (chain time).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The write grant in force.</returns>
    /// <remarks>
    /// A write grant lets the provider add records only; it reads nothing of mine (share with <see cref="ShareAsync"/>
    /// for that), and it can neither change nor remove a record. Revoking stops future writes; records already written stay.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty, or <paramref name="scope"/> is a one-record scope.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>GrantExpired</c> for an expiry in the past, <c>UnauthorizedSigner</c> under guardianship) or is down.</exception>
    public virtual async Task<WriteConsent> GrantWriteAccessAsync(
        EvmAddress author, AccessScope scope, string purpose, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return await ChainDiagnostics.TraceAsync("PatientClient.GrantWriteAccess", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.Scope, scope.Kind.ToString());
            var grants = await _client.GetAccessGrantsAsync(_signer, "grant write access").ConfigureAwait(false);
            var prepared = await grants.PrepareWriteGrantAsync(new WriteGrant(Address, author, scope, purpose, expiresAt), cancellationToken).ConfigureAwait(false);
            var signed = await grants.SignWriteGrantAsync(prepared, _signer, cancellationToken).ConfigureAwait(false);
            var submitted = await grants.SubmitWriteGrantAsync(signed, cancellationToken).ConfigureAwait(false);
            return new WriteConsent(submitted.GrantId, signed.Grant.Author, scope, purpose, expiresAt, submitted.TransactionHash);
        }).ConfigureAwait(false);
    }

    /// <summary>Lists the write grants of mine still in force (not expired, not revoked): who may write which records into my record.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The live write grants, oldest first; <see cref="GrantSubmittedEvent.Grantee"/> is the author.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<IReadOnlyList<GrantSubmittedEvent>> ListWriteGrantsAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientClient.ListWriteGrants", async _ =>
        {
            var grants = await _client.GetAccessGrantsAsync(_signer, "list write grants").ConfigureAwait(false);
            return await LiveGrantsAsync(grants, grants.GetWriteGrantEventsAsync(owner: Address, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
