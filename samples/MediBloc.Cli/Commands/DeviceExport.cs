using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Fhir;

namespace MediBloc.Cli.Commands;

/// <summary>Reads a device export with the importer of its format, filters it and maps it to FHIR Observations (one record each).</summary>
internal static class DeviceExport
{
    /// <summary>The formats, as written after <c>--format</c>.</summary>
    public static readonly string[] Formats = ["csv", "openmhealth", "applehealth"];

    /// <summary>The kinds, as written after <c>--kinds</c>.</summary>
    public static readonly string[] Kinds = ["heart_rate", "steps", "blood_pressure", "glucose", "body_weight", "body_temperature"];

    /// <summary>The largest CSV export read, in bytes (as for Open mHealth: the CSV reader holds the text in memory).</summary>
    public const long MaxCsvBytes = OpenMHealthImporter.MaxBytes;

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    /// <summary>Reads the export: a missing file is a usage error; a malformed, hostile or too large one an <see cref="InvalidFormatException"/> (nothing is published).</summary>
    public static IReadOnlyList<DeviceReading> Read(string path, string format)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"The device export {path} does not exist.");
        }
        switch (format)
        {
            case "csv":
                CheckSize(info, MaxCsvBytes);
                return DeviceReadingImporter.ReadCsv(File.ReadAllText(path, Encoding.UTF8));
            case "openmhealth":
                CheckSize(info, OpenMHealthImporter.MaxBytes);
                return OpenMHealthImporter.Read(File.ReadAllBytes(path));
            case "applehealth":
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
                {
                    return AppleHealthImporter.Read(stream);
                }
            default:
                throw new UsageException($"Unknown device export format '{format}': use one of {string.Join(", ", Formats)}.");
        }
    }

    /// <summary>The readings at or after <paramref name="since"/> and of the given kinds (all when empty), in file order.</summary>
    public static List<DeviceReading> Filter(IEnumerable<DeviceReading> readings, DateTimeOffset? since, IReadOnlyCollection<string> kinds) =>
        [.. readings.Where(r => (since is null || r.Time >= since) && (kinds.Count == 0 || kinds.Contains(r.Kind.ToString(), StringComparer.OrdinalIgnoreCase)))];

    /// <summary>Parses <c>--since</c>: an ISO 8601 date or date-time; without an offset it is UTC.</summary>
    public static DateTimeOffset? ParseSince(string? text) =>
        text is null ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since
            : throw new UsageException($"--since needs an ISO 8601 date or date-time (for example 2026-11-20 or 2026-11-20T07:00:00+01:00), not '{text}'.");

    /// <summary>Maps the readings to Observations about <paramref name="patient"/> and serializes each as FHIR JSON (deterministic for the same readings).</summary>
    public static List<byte[]> ToRecords(IReadOnlyList<DeviceReading> readings, string patient) =>
        [.. DeviceObservationMapper.ToObservations(readings, patient).Select(o => Encoding.UTF8.GetBytes(Serializer.SerializeToString(o)))];

    /// <summary>
    /// The import's id: SHA-256 over the records of every batch (so over the file, its format and the filters), the batch
    /// size, the owner and the deployment. The same import re-run finds its journal; anything else is a new import.
    /// Enumerating <paramref name="batches"/> maps every reading, so a reading that does not map fails here, before anything is published.
    /// </summary>
    public static string ImportId(IEnumerable<IReadOnlyList<byte[]>> batches, int readings, int batchSize, EvmAddress owner, MediBlocDeployment deployment)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"medibloc-device-import-v1|{owner}|{deployment.ChainId}|{deployment.RecordRegistryAddress}|{batchSize}|{readings}")));
        foreach (var record in batches.SelectMany(b => b))
        {
            hash.AppendData(SHA256.HashData(record));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void CheckSize(FileInfo info, long max)
    {
        if (info.Length > max)
        {
            throw new InvalidFormatException($"The device export {info.Name} is {info.Length} bytes, more than the {max} bytes this format is read up to; split the export.");
        }
    }
}
