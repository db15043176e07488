namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// Enforced emergency access: the key-release services that each hold one share of the vital-info profile's key, and
/// how many of them (<see cref="Threshold"/>) must release their share, each only after checking on chain that the
/// requesting provider is certified and broke the glass on this patient.
/// </summary>
public sealed class EmergencyReleaseOptions
{
    /// <summary>The most services one profile may name.</summary>
    public const int MaxServices = 16;

    /// <summary>The services, one share each (2 to <see cref="MaxServices"/>, distinct public keys).</summary>
    public IList<KeyReleaseService> Services { get; } = new List<KeyReleaseService>();

    /// <summary>How many services must release their share: 2 (so one service alone learns nothing) to the number of services. Defaults to 2.</summary>
    public int Threshold { get; set; } = 2;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A service is null or repeated, an endpoint is not an absolute http(s) URL, or the counts are out of range.</exception>
    public void Validate()
    {
        if (Services.Count < 2 || Services.Count > MaxServices)
        {
            throw new ArgumentException($"Name 2 to {MaxServices} key-release services; got {Services.Count}.", nameof(Services));
        }
        if (Threshold < 2 || Threshold > Services.Count)
        {
            throw new ArgumentException($"The threshold must be 2 to the number of services ({Services.Count}); got {Threshold}.", nameof(Threshold));
        }
        foreach (var service in Services)
        {
            if (service is null)
            {
                throw new ArgumentException("A key-release service is null.", nameof(Services));
            }
            if (service.PublicKey is null || service.Endpoint is null || !service.Endpoint.IsAbsoluteUri || (service.Endpoint.Scheme != Uri.UriSchemeHttp && service.Endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException("Each key-release service needs a public key and an absolute http or https endpoint.", nameof(Services));
            }
        }
        if (Services.Select(s => s.PublicKey).Distinct().Count() != Services.Count)
        {
            throw new ArgumentException("Two key-release services share a public key; each share must go to a different service.", nameof(Services));
        }
    }
}
