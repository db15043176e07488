using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk.Contracts.AccessGrants;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.IntegrationTests.Contracts.AccessGrants;

/// <summary>
/// A grantee who watches the mempool races the owner's revocation, cancellation or epoch bump with a signed grant it
/// kept back, paying a higher tip so its transaction runs first in the block (anvil, real ordering). Each race must
/// leave the grantee without access.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class AccessFrontRunningTests(DevnetFixture fixture)
{
    private const string Treatment = "TREAT";
    private static readonly BigInteger LowTip = 1_000_000_000;
    private static readonly BigInteger HighTip = 50_000_000_000;

    [Fact]
    public async Task Grantee_racing_the_owners_revocation_with_a_kept_grant_loses_access()
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet));
        var record = await s.AnchorAsync();
        var scope = AccessScope.ForRecord(new RecordId(record));
        var now = await s.Chain.ChainTimeAsync();
        await s.Attacker.SubmitGrantAsync(await s.SignAsync(scope, now.AddDays(30)));
        var kept = await s.SignAsync(scope, now.AddYears(2)); // signed against the version of the grant in force

        IReadOnlyList<MinedTransaction> block;
        await using (var ordering = await TransactionOrdering.PauseMiningAsync(s.Chain))
        {
            var revoke = await ordering.SendAsync(
                s.Chain.Devnet.Accounts[ChainTestKit.AccessOwner].PrivateKey,
                s.Owner.ContractAddress.ToString(),
                new RevokeInForce { Owner = s.OwnerAddress.ToString(), Grantee = s.AttackerAddress.ToString(), ScopeKind = 0, Scope = record, Purpose = AccessGrantsClient.ComputePurposeId(Treatment).HexToByteArray() },
                LowTip);
            var race = await ordering.SendAsync(s.Adversary.PrivateKey, s.Owner.ContractAddress.ToString(), Submit.From(kept), HighTip);
            block = await ordering.MineAsync(revoke, race);
            Assert.Equal([race, revoke], block.Select(m => m.Hash));
        }

        Assert.All(block, m => Assert.True(m.Succeeded));
        Assert.False(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
    }

    [Fact]
    public async Task Grantee_racing_the_owners_cancellation_or_epoch_bump_loses_access()
    {
        var s = await AttackSetup.CreateAsync(ChainUnderTest.Create(ChainBackend.Anvil, fixture.Devnet));
        var record = await s.AnchorAsync();
        var now = await s.Chain.ChainTimeAsync();
        var toCancel = await s.SignAsync(AccessScope.All, now.AddYears(1));
        var held = await s.SignAsync(AccessScope.ForRecord(new RecordId(record)), now.AddYears(1));
        var ownerKey = s.Chain.Devnet.Accounts[ChainTestKit.AccessOwner].PrivateKey;

        await using (var ordering = await TransactionOrdering.PauseMiningAsync(s.Chain))
        {
            var cancel = await ordering.SendAsync(ownerKey, s.Owner.ContractAddress.ToString(), new CancelGrant { G = Submit.From(toCancel).G }, LowTip);
            var bump = await ordering.SendAsync(ownerKey, s.Owner.ContractAddress.ToString(), new BumpEpoch { Owner = s.OwnerAddress.ToString() }, LowTip);
            var race1 = await ordering.SendAsync(s.Adversary.PrivateKey, s.Owner.ContractAddress.ToString(), Submit.From(toCancel), HighTip);
            var race2 = await ordering.SendAsync(s.Adversary.PrivateKey, s.Owner.ContractAddress.ToString(), Submit.From(held), HighTip);
            var block = await ordering.MineAsync(cancel, bump, race1, race2);
            Assert.Equal([race1, race2], block.Take(2).Select(m => m.Hash));
        }

        Assert.False(await s.Owner.CanReadAsync(s.AttackerAddress, new RecordId(record), Treatment));
        Assert.True((await s.Owner.GetGrantAsync(toCancel.GrantId))!.Revoked);
        Assert.True((await s.Owner.GetGrantAsync(held.GrantId))!.Voided);
    }

    [Struct("Grant")]
    private sealed class GrantTuple
    {
        [Parameter("address", "owner", 1)] public string Owner { get; set; } = string.Empty;

        [Parameter("address", "grantee", 2)] public string Grantee { get; set; } = string.Empty;

        [Parameter("uint8", "scopeKind", 3)] public byte ScopeKind { get; set; }

        [Parameter("bytes32", "scope", 4)] public byte[] Scope { get; set; } = [];

        [Parameter("bytes32", "purpose", 5)] public byte[] Purpose { get; set; } = [];

        [Parameter("uint64", "expiresAt", 6)] public ulong ExpiresAt { get; set; }

        [Parameter("uint32", "version", 7)] public uint Version { get; set; }

        [Parameter("uint32", "epoch", 8)] public uint Epoch { get; set; }

        [Parameter("bytes32", "salt", 9)] public byte[] Salt { get; set; } = [];
    }

    [Function("submitGrant", "bytes32")]
    private sealed class Submit : FunctionMessage
    {
        [Parameter("tuple", "g", 1)] public GrantTuple G { get; set; } = new();

        [Parameter("bytes", "signature", 2)] public byte[] Signature { get; set; } = [];

        public static Submit From(SignedAccessGrant signed) => new()
        {
            G = new GrantTuple
            {
                Owner = signed.Grant.Owner.ToString(),
                Grantee = signed.Grant.Grantee.ToString(),
                ScopeKind = (byte)signed.Grant.Scope.Kind,
                Scope = signed.Grant.Scope.Value.HexToByteArray(),
                Purpose = AccessGrantsClient.ComputePurposeId(signed.Grant.Purpose).HexToByteArray(),
                ExpiresAt = (ulong)signed.Grant.ExpiresAt.ToUnixTimeSeconds(),
                Version = signed.Grant.Version,
                Epoch = signed.Grant.Epoch,
                Salt = signed.Grant.Salt!.Value.ToArray(),
            },
            Signature = signed.Signature.HexToByteArray(),
        };
    }

    [Function("cancelGrant")]
    private sealed class CancelGrant : FunctionMessage
    {
        [Parameter("tuple", "g", 1)] public GrantTuple G { get; set; } = new();
    }

    [Function("bumpEpoch", "uint32")]
    private sealed class BumpEpoch : FunctionMessage
    {
        [Parameter("address", "owner", 1)] public string Owner { get; set; } = string.Empty;
    }

    [Function("revokeGrantInForce")]
    private sealed class RevokeInForce : FunctionMessage
    {
        [Parameter("address", "owner", 1)] public string Owner { get; set; } = string.Empty;

        [Parameter("address", "grantee", 2)] public string Grantee { get; set; } = string.Empty;

        [Parameter("uint8", "scopeKind", 3)] public byte ScopeKind { get; set; }

        [Parameter("bytes32", "scope", 4)] public byte[] Scope { get; set; } = [];

        [Parameter("bytes32", "purpose", 5)] public byte[] Purpose { get; set; } = [];
    }
}
