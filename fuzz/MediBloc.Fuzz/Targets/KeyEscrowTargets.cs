using MediBloc.Sdk.KeyEscrow;

namespace MediBloc.Fuzz.Targets;

/// <summary>What enforced emergency access reads from strangers: the public key-release manifest, a request a key-release service receives, and a sealed release share.</summary>
internal static class KeyEscrowTargets
{
    public static IEnumerable<FuzzTarget> All =>
    [
        new("release-manifest", "the public key-release manifest a paramedic fetches", ReleaseManifestJson),
        new("key-release-request", "the JSON body a key-release service receives, and the signer it recovers", KeyReleaseRequestJson),
        new("release-share", "a sealed release share a key-release service opens with its key", ReleaseShare),
    ];

    private static void ReleaseManifestJson(byte[] input)
    {
        FuzzTarget.Expect(() =>
        {
            var manifest = ReleaseManifest.Parse(input);
            FuzzTarget.Check(manifest.Threshold >= 2 && manifest.Threshold <= manifest.Services.Count, "a manifest with an impossible threshold was accepted");
            var again = ReleaseManifest.Parse(manifest.ToJson());
            FuzzTarget.Check(again.Profile == manifest.Profile && again.Services.Count == manifest.Services.Count, "an accepted manifest does not round-trip");
        });
    }

    private static void KeyReleaseRequestJson(byte[] input)
    {
        FuzzTarget.Expect(() =>
        {
            var request = KeyReleaseRequest.Parse(input);
            FuzzTarget.Check(request.TransactionHash.Length == 66 && request.BlockNumber >= 0, "a request with a malformed transaction was accepted");
            request.RecoverRequester();
        });
    }

    private static void ReleaseShare(byte[] input)
    {
        FuzzTarget.Expect(() =>
        {
            using var share = ReleaseShares.Open(input, FuzzKeys.Account);
            FuzzTarget.Check(share.Share.Threshold >= 1 && share.Share.Index >= 1, "a release share with an impossible index was accepted");
        });
    }
}
