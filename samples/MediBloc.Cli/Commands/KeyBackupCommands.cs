using System.CommandLine;
using System.Text.Json;
using MediBloc.Cli.Framework;
using MediBloc.Sdk;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Internal;
using MediBloc.Sdk.Recovery;

namespace MediBloc.Cli.Commands;

/// <summary>
/// <c>medibloc key backup|recovery-request|release|restore</c>: the patient's key split among guardians (threshold
/// shares sealed to each), and its recovery on a new device from enough guardians' releases.
/// </summary>
internal static class KeyBackupCommands
{
    public static void AddTo(Command key)
    {
        key.Subcommands.Add(Backup());
        key.Subcommands.Add(Request());
        key.Subcommands.Add(Release());
        key.Subcommands.Add(Restore());
    }

    private static Command Backup()
    {
        var guardians = new Option<string[]>("--guardian") { Description = "The guardians (key names or public keys).", Required = true, AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<int>("--threshold") { Description = "How many guardians it takes to restore.", Required = true };
        var command = new Command("backup", "Split your key among guardians (each share sealed to one guardian; the manifest anchored on chain).") { guardians, threshold };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var keys = session.Parse.GetRequiredValue(guardians).Select(session.PublicKeyOf).ToList();
            var backup = await session.Client.GetPatientClient(session.Identity()).Care.BackUpKeyAsync(keys, session.Parse.GetValue(threshold), ct).ConfigureAwait(false);
            return session.Output.Emit(new BackupOutput(backup.BackupId, backup.Threshold, [.. backup.Guardians.Select(g => g.ToString())], backup.ManifestCid.ToString(), backup.TransactionHash),
                (o, r) => o.WriteLine($"backup {r.BackupId}: {r.Threshold} of {r.Guardians.Count} guardians, manifest {r.ManifestCid}"));
        });
        return command;
    }

    private static Command Request()
    {
        var patient = new Option<string>("--patient") { Description = "The address of the key to recover.", Required = true };
        var output = new Option<string>("--out") { Description = "The request file to hand to the guardians.", Required = true };
        var command = new Command("recovery-request", "On the new device (acting as its own key, --as/--key): ask the guardians for the shares of a lost key. Guardians compare the printed code with you out of band.") { patient, output };
        CommandRunner.SetChainAction(command, (session, _) =>
        {
            var request = session.Client.GetKeyRecoveryClient(session.Identity()).CreateRequest(session.AddressOf(session.Parse.GetRequiredValue(patient)));
            var file = new RequestFile(request.PatientAddress.ToString(), request.DevicePublicKey.ToString(), request.VerificationCode);
            WriteJson(session.Parse.GetRequiredValue(output), file);
            return Task.FromResult(session.Output.Emit(file, (o, r) => o.WriteLine($"verification code {r.VerificationCode}")));
        });
        return command;
    }

    private static Command Release()
    {
        var request = new Option<string>("--request") { Description = "The request file from key recovery-request.", Required = true };
        var output = new Option<string>("--out") { Description = "The release file to hand back to the device.", Required = true };
        var command = new Command("release", "As a guardian: re-seal your share of the patient's key to the requesting device.") { request, output };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var file = ReadJson<RequestFile>(session.Parse.GetRequiredValue(request));
            var ask = new KeyRecoveryRequest(EvmAddress.Parse(file.PatientAddress), Secp256k1PublicKey.FromHex(file.DevicePublicKey));
            var release = await session.Client.GetGuardianClient(session.Identity()).ReleaseKeyShareAsync(ask, ct).ConfigureAwait(false);
            WriteJson(session.Parse.GetRequiredValue(output), release);
            return session.Output.Emit(release, (o, r) => o.WriteLine($"released share {r.ShareCid} (verification code {ask.VerificationCode})"));
        });
        return command;
    }

    private static Command Restore()
    {
        var patient = new Option<string>("--patient") { Description = "The address of the key to recover.", Required = true };
        var releases = new Option<string[]>("--release") { Description = "The guardians' release files (at least the threshold).", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string>("--name") { Description = "Store the recovered key in the state folder under this name.", Required = true };
        var command = new Command("restore", "On the new device (--as/--key its own key): recover the key from guardians' releases, store it under --name, and reopen your records.") { patient, releases, name };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var shares = session.Parse.GetRequiredValue(releases).Select(ReadJson<KeyShareRelease>).ToList();
            using var recovered = await session.Client.GetKeyRecoveryClient(session.Identity())
                .RecoverKeyAsync(session.AddressOf(session.Parse.GetRequiredValue(patient)), shares, ct).ConfigureAwait(false);
            session.State.SaveKey(session.Parse.GetRequiredValue(name), Web3KeyStore.Encrypt(recovered, Passwords.Get("the recovered key")), recovered.PublicKey);
            var restored = await session.Client.GetPatientClient(recovered).Care.RestoreRecordsAsync(ct).ConfigureAwait(false);
            return session.Output.Emit(new RestoreOutput(recovered.Address.ToString(), restored.Restored.Count, restored.Failures.Count),
                (o, r) => o.WriteLine($"recovered {r.Address}: {r.Restored} record(s) reopened, {r.Failed} failed"));
        });
        return command;
    }

    private static void WriteJson<T>(string path, T value)
    {
        OutputFile.Check(path, force: false, []);
        PrivateFiles.WriteAtomically(path, overwrite: false, s => { JsonSerializer.Serialize(s, value, CliJson.Indented); return 0; });
    }

    private static T ReadJson<T>(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"The file {path} does not exist.");
        }
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), CliJson.Indented) ?? throw new InvalidFormatException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidFormatException($"{path} is not a {typeof(T).Name} JSON document: {ex.Message}", ex);
        }
    }

    internal sealed record BackupOutput(string BackupId, int Threshold, IReadOnlyList<string> Guardians, string ManifestCid, string TransactionHash);

    internal sealed record RequestFile(string PatientAddress, string DevicePublicKey, string VerificationCode);

    internal sealed record RestoreOutput(string Address, int Restored, int Failed);
}
