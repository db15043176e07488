using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Testing;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Benchmarks.Soak;

/// <summary>
/// A soak: many patients at once, each with their own app (client, crash-safe outbox on disk) and their own doctor,
/// repeating publish → share (a grant for that record) → the doctor opens it for treatment (read logged on chain), for
/// a number of minutes. Prints operations/s, p50/p95/p99 latency and the errors per operation; then finishes what the
/// outboxes hold (<see cref="PatientClient.ResumePendingAsync"/>) and checks that every record a publish returned is
/// anchored on chain. Exits 1 when one is not (a lost record), 0 otherwise; failed publishes are reported, not lost.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/MediBloc.Benchmarks -- soak [--patients 50] [--minutes 2] [--size 1024]
/// [--embedded]</c>. On the devnet (anvil + js-ipfs, started here, one funded dev account per patient and per doctor),
/// or with <c>--embedded</c> on the in-process chain with a local content store (no node).
/// </remarks>
internal sealed class SoakHarness : IHarness
{
    private const string Fhir = "application/fhir+json";
    private const string Purpose = "TREAT";

    public string Name => "soak";

    public string Description => "N concurrent patients publish, share and open for M minutes: ops/s, p50/p95/p99, errors; exit 1 if a record is lost";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var patients = Int(args, "--patients", 50);
        var duration = TimeSpan.FromMinutes(Double(args, "--minutes", 2));
        var size = Int(args, "--size", 1024);
        var embedded = args.Contains("--embedded");
        Console.WriteLine(
            $"soak: {patients} patients × {duration.TotalMinutes:0.##} min on {(embedded ? "the embedded chain + a local store" : "the devnet (anvil + js-ipfs)")}, " +
            $"~{size} B FHIR records; {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");

        var folder = Directory.CreateTempSubdirectory("medibloc-soak-");
        var devnet = embedded ? null : await Devnet.StartAsync(new DevnetOptions { AccountCount = (2 * patients) + 1 }, cancellationToken);
        try
        {
            var world = await SetUpAsync(devnet, patients, folder.FullName, cancellationToken);
            var stats = new SoakStats();
            Console.WriteLine($"set up {patients} patients and {patients} certified doctors; running");

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(duration);
            var watch = Stopwatch.StartNew();
            var workers = world.Select(p => Task.Run(() => RunPatientAsync(p, stats, size, stop.Token), CancellationToken.None)).ToArray();
            using (var progress = new PeriodicTimer(TimeSpan.FromSeconds(30)))
            {
                var all = Task.WhenAll(workers);
                while (!all.IsCompleted)
                {
                    if (await Task.WhenAny(all, progress.WaitForNextTickAsync(CancellationToken.None).AsTask()) != all)
                    {
                        Console.WriteLine($"  {watch.Elapsed.TotalSeconds,5:0} s: {stats.Progress()}");
                    }
                }
            }
            var elapsed = watch.Elapsed;

            Console.WriteLine();
            Console.WriteLine($"{elapsed.TotalSeconds:0} s, {patients} patients:");
            foreach (var line in stats.Table(elapsed))
            {
                Console.WriteLine(line);
            }
            if (stats.Errors > 0)
            {
                Console.WriteLine("errors:");
                foreach (var line in stats.ErrorLines())
                {
                    Console.WriteLine(line);
                }
            }

            var lost = await CheckNothingLostAsync(world, CancellationToken.None);
            return lost == 0 ? 0 : 1;
        }
        finally
        {
            if (devnet is not null)
            {
                await devnet.DisposeAsync();
            }
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Deploys the suite, certifies one doctor per patient, and gives each patient and doctor their own client.</summary>
    private static async Task<List<SoakPatient>> SetUpAsync(Devnet? devnet, int patients, string folder, CancellationToken cancellationToken)
    {
        InProcessChain? chain = null;
        Secp256k1PrivateKey NewKey(int account)
        {
            if (devnet is not null)
            {
                return Secp256k1PrivateKey.FromHex(devnet.Accounts[account].PrivateKey);
            }
            var key = Secp256k1PrivateKey.Generate();
            chain!.SetBalance(key.Address.ToString(), BigInteger.Pow(10, 20));
            return key;
        }

        if (devnet is null)
        {
            chain = new InProcessChain();
        }
        var deployer = NewKey(0);
        var deployment = chain is not null
            ? await chain.DeployMediBlocContractsAsync(deployer, cancellationToken)
            : await MediBlocClient.DeployContractsAsync(devnet!.RpcUrl, deployer, Fast(), cancellationToken);
        var sharedStore = chain is null ? null : new LocalContentStore(Path.Combine(folder, "store"));
        MediBlocClient NewClient(string outbox) => new(new MediBlocClientOptions
        {
            ChainRpcUrl = devnet?.RpcUrl,
            ChainClient = chain?.CreateRpcClient(),
            IpfsApiUrl = devnet?.IpfsApiUrl,
            ContentStore = sharedStore,
            Outbox = new FileRecordOutbox(Path.Combine(folder, outbox)),
            Chain = Fast(),
        }.UseDeployment(deployment));

        var authority = NewClient("authority").GetAuthorityClient(deployer);
        var until = DateTimeOffset.UtcNow.AddYears(1);
        var world = new List<SoakPatient>();
        for (var i = 0; i < patients; i++)
        {
            var patientKey = NewKey(1 + i);
            var doctorKey = NewKey(1 + patients + i);
            await authority.CertifyAsync(doctorKey.Address, CredentialRole.Provider, until, cancellationToken);
            world.Add(new SoakPatient(
                i, NewClient($"patient-{i}").GetPatientClient(patientKey), NewClient($"doctor-{i}").GetProviderClient(doctorKey), doctorKey.PublicKey));
        }

        return world;
    }

    private static async Task RunPatientAsync(SoakPatient p, SoakStats stats, int size, CancellationToken stop)
    {
        var watch = new Stopwatch();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            PublishedRecord published;
            ShareResult share;
            var step = "publish";
            try
            {
                p.Attempted++;
                watch.Restart();
                published = await p.Patient.PublishAsync(Resource(p.Index, n, size), Fhir, cancellationToken: CancellationToken.None);
                stats.Success(step, watch.Elapsed);
                p.Published.Add(published.Commitment.ToString());

                step = "share";
                watch.Restart();
                share = await p.Patient.ShareAsync(
                    p.DoctorKey, AccessScope.ForRecord(published.Owner, published.Commitment), Purpose,
                    DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);
                stats.Success(step, watch.Elapsed);

                step = "open";
                watch.Restart();
                var opened = await p.Doctor.OpenAsync(ContentId.Parse(share.Records.Single().Cid.ToString()), Purpose, CancellationToken.None);
                if (opened.Content.Length < size / 2)
                {
                    throw new InvalidOperationException($"The doctor opened {opened.Content.Length} bytes where about {size} were published.");
                }
                stats.Success(step, watch.Elapsed);
            }
            catch (Exception e) when (e is MediBlocException or InvalidOperationException or HttpRequestException or IOException)
            {
                stats.Failure(step, e);
                if (step == "publish")
                {
                    p.FailedPublishes++;
                }
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <summary>Finishes what the outboxes hold, then looks every record a publish returned up on chain. Returns the number lost.</summary>
    private static async Task<int> CheckNothingLostAsync(List<SoakPatient> world, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        int published = 0, anchored = 0, lost = 0, failed = 0, resumed = 0, pending = 0, onChainTotal = 0;
        foreach (var p in world)
        {
            try
            {
                var report = await p.Patient.ResumePendingAsync(cancellationToken);
                resumed += report.Count;
            }
            catch (MediBlocException e)
            {
                Console.WriteLine($"patient {p.Index}: resuming the outbox failed: {e.Message}");
            }

            var onChain = (await p.Patient.ListMyRecordsAsync(cancellationToken))
                .Where(r => r.ContentType == Fhir).Select(r => r.Commitment.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            await foreach (var _ in p.Patient.GetPendingAsync(cancellationToken))
            {
                pending++;
            }

            published += p.Published.Count;
            failed += p.FailedPublishes;
            onChainTotal += onChain.Count;
            foreach (var commitment in p.Published)
            {
                if (onChain.Contains(commitment))
                {
                    anchored++;
                }
                else
                {
                    lost++;
                    Console.WriteLine($"LOST: patient {p.Index}'s record {commitment} was published but is not anchored");
                }
            }
            if (onChain.Count > p.Attempted)
            {
                lost++;
                Console.WriteLine($"patient {p.Index}: {onChain.Count} records on chain from {p.Attempted} publishes");
            }
        }

        Console.WriteLine();
        Console.WriteLine(
            $"check ({watch.Elapsed.TotalSeconds:0} s): {published} publishes returned, {anchored} of them anchored on chain, {lost} lost; " +
            $"{failed} publishes failed and were reported ({resumed} anchored since from the outbox, {pending} still in an outbox); " +
            $"{onChainTotal} FHIR records on chain in all");
        Console.WriteLine(lost == 0 ? "zero lost" : $"{lost} LOST");
        return lost;
    }

    /// <summary>A FHIR Observation of about <paramref name="size"/> bytes, unique per patient and round.</summary>
    private static byte[] Resource(int patient, int round, int size)
    {
        var head = $"{{\"resourceType\":\"Observation\",\"id\":\"soak-{patient}-{round}-{Guid.NewGuid():N}\",\"status\":\"final\"," +
            "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]}," +
            $"\"subject\":{{\"reference\":\"Patient/p{patient}\"}},\"valueQuantity\":{{\"value\":{60 + (round % 40)},\"unit\":\"beats/minute\"}},\"note\":[{{\"text\":\"";
        const string Tail = "\"}]}";
        return Encoding.UTF8.GetBytes(head + new string('n', Math.Max(0, size - head.Length - Tail.Length)) + Tail);
    }

    private static ChainConnectionOptions Fast() => new()
    {
        ReceiptPollingInterval = TimeSpan.FromMilliseconds(20),
        ReceiptTimeout = TimeSpan.FromSeconds(120),
        RpcTimeout = TimeSpan.FromSeconds(60),
    };

    private static int Int(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static double Double(string[] args, string name, double fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    /// <summary>One patient's app, their doctor's, and what the patient's worker published (touched by that worker only).</summary>
    private sealed record SoakPatient(int Index, PatientClient Patient, ProviderClient Doctor, Secp256k1PublicKey DoctorKey)
    {
        public List<string> Published { get; } = [];

        public int Attempted { get; set; }

        public int FailedPublishes { get; set; }
    }
}
