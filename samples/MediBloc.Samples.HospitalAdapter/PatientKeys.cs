using MediBloc.Sdk.Crypto;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>
/// One key per patient, kept in a folder as hex files so that a rerun publishes to the same record. A sample
/// only: a real deployment hands each patient their own keystore (or the patient's wallet signs).
/// </summary>
/// <param name="folder">Where the key files live.</param>
/// <param name="onCreated">Called with each new key's address (for example, to fund it with gas).</param>
public sealed class PatientKeys(string folder, Action<string>? onCreated = null)
{
    /// <summary>The patient's key, created (and reported to <c>onCreated</c>) on first use.</summary>
    /// <param name="patientId">The patient's id in the bundles.</param>
    /// <returns>The key; the caller disposes it.</returns>
    public Secp256k1PrivateKey For(string patientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        Directory.CreateDirectory(folder);
        var safe = string.Concat(patientId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var path = Path.Combine(folder, safe + ".key");
        if (File.Exists(path))
        {
            return Secp256k1PrivateKey.FromHex(File.ReadAllText(path).Trim());
        }

        var key = Secp256k1PrivateKey.Generate();
        File.WriteAllText(path, Convert.ToHexString(key.ExportPrivateKey()));
        onCreated?.Invoke(key.Address.ToString());
        return key;
    }
}
