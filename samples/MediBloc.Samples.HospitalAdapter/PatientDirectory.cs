using System.Text.Json;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>One patient as the hospital knows them: public information only.</summary>
/// <param name="Id">The patient's id in the hospital's EHR (the FHIR Patient resource id).</param>
/// <param name="Address">The patient's account address (owner of their records).</param>
/// <param name="PublicKey">The patient's public key (compressed, hex): records are sealed to it.</param>
public sealed record PatientEntry(string Id, string Address, string PublicKey);

/// <summary>
/// Which account each EHR patient is: a JSON file of <see cref="PatientEntry"/> that patients hand to the hospital
/// when they grant it a write consent. It holds no secret: an address and a public key per patient.
/// </summary>
public sealed class PatientDirectory
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _path;
    private readonly Dictionary<string, PatientEntry> _entries;

    private PatientDirectory(string path, Dictionary<string, PatientEntry> entries)
    {
        _path = path;
        _entries = entries;
    }

    /// <summary>The patients, by EHR id.</summary>
    public IReadOnlyDictionary<string, PatientEntry> Entries => _entries;

    /// <summary>Loads the directory file, or starts empty when there is none.</summary>
    /// <param name="path">The directory file.</param>
    /// <returns>The directory.</returns>
    public static PatientDirectory Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entries = File.Exists(path) ? JsonSerializer.Deserialize<List<PatientEntry>>(File.ReadAllBytes(path)) ?? [] : [];
        return new PatientDirectory(path, entries.ToDictionary(e => e.Id, StringComparer.Ordinal));
    }

    /// <summary>The patient's public key, checked against the address on file.</summary>
    /// <param name="id">The EHR patient id.</param>
    /// <returns>The public key, or <see langword="null"/> when the patient is not in the directory.</returns>
    /// <exception cref="InvalidDataException">The entry's public key does not belong to its address.</exception>
    public Secp256k1PublicKey? Find(string id)
    {
        if (!_entries.TryGetValue(id, out var entry))
        {
            return null;
        }
        var key = Secp256k1PublicKey.FromHex(entry.PublicKey);
        if (key.Address != EvmAddress.Parse(entry.Address))
        {
            throw new InvalidDataException($"The directory entry of patient '{id}' names a public key of another address.");
        }
        return key;
    }

    /// <summary>Adds or replaces a patient and saves the file (temp file + rename).</summary>
    /// <param name="id">The EHR patient id.</param>
    /// <param name="publicKey">The patient's public key.</param>
    public void Add(string id, Secp256k1PublicKey publicKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(publicKey);
        _entries[id] = new PatientEntry(id, publicKey.Address.ToString(), publicKey.ToString());
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(_entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal), Json));
        File.Move(temporary, _path, overwrite: true);
    }
}
