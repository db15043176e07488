using System.Collections.Concurrent;

namespace MediBloc.Samples.Web.Node;

/// <summary>Which grant each shared copy a clinician has seen came under: when a read is refused, the app can say the grant was revoked and when.</summary>
public sealed class ShareIndex
{
    private readonly ConcurrentDictionary<string, string> _grants = new(StringComparer.Ordinal);

    /// <summary>Remembers the grant of a shared copy.</summary>
    public void Remember(string cid, string grantId) => _grants[cid] = grantId;

    /// <summary>The grant a shared copy came under, if seen.</summary>
    public string? GrantOf(string cid) => _grants.TryGetValue(cid, out var grant) ? grant : null;
}
