using System.Collections.Concurrent;
using System.Numerics;

namespace MediBloc.Samples.Web.Node;

/// <summary>
/// What the app remembers between pages, in memory: which grant each shared copy a clinician has seen came under
/// (so a refused read can say the grant was revoked and when), patients' answers to data requests, and researchers'
/// posted requests.
/// </summary>
public sealed class ShareIndex
{
    private readonly ConcurrentDictionary<string, string> _grants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlyList<MediBloc.Sdk.Crypto.Commitment>> _consents = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentBag<BigInteger>> _requests = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers the grant of a shared copy.</summary>
    public void Remember(string cid, string grantId) => _grants[cid] = grantId;

    /// <summary>The grant a shared copy came under, if seen.</summary>
    public string? GrantOf(string cid) => _grants.TryGetValue(cid, out var grant) ? grant : null;

    /// <summary>Records a patient's answer to a data request (consented, declined, released).</summary>
    public void Answer(string patient, BigInteger requestId, string answer) => _answers[$"{patient}/{requestId}"] = answer;

    /// <summary>A patient's answer to a data request, if any.</summary>
    public string? AnswerOf(string patient, BigInteger requestId) => _answers.TryGetValue($"{patient}/{requestId}", out var a) ? a : null;

    /// <summary>Remembers the records a patient consented with for a request (to release their keys later).</summary>
    public void Consented(string patient, BigInteger requestId, IReadOnlyList<MediBloc.Sdk.Crypto.Commitment> commitments) =>
        _consents[$"{patient}/{requestId}"] = commitments;

    /// <summary>A patient's consents: request and records.</summary>
    public IReadOnlyList<(BigInteger RequestId, IReadOnlyList<MediBloc.Sdk.Crypto.Commitment> Commitments)> ConsentsOf(string patient) =>
        [.. _consents.Where(c => c.Key.StartsWith(patient + "/", StringComparison.OrdinalIgnoreCase))
            .Select(c => (BigInteger.Parse(c.Key[(patient.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture), c.Value))
            .OrderBy(c => c.Item1)];

    /// <summary>Remembers a researcher's posted request.</summary>
    public void Posted(string researcher, BigInteger requestId) => _requests.GetOrAdd(researcher, _ => []).Add(requestId);

    /// <summary>A researcher's posted requests.</summary>
    public IReadOnlyList<BigInteger> RequestsOf(string researcher) =>
        _requests.TryGetValue(researcher, out var ids) ? [.. ids.OrderBy(i => i)] : [];
}
