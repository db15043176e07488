using System.Collections.Concurrent;
using System.Text.Json;

namespace MediBloc.Sdk.Contracts;

/// <summary>
/// A compiled contract shipped inside the SDK: its ABI and bytecode as built by <c>contracts/build.mjs</c>
/// (solc-js, EVM version <c>prague</c>, optimizer on).
/// </summary>
public sealed class ContractArtifact
{
    private static readonly ConcurrentDictionary<string, ContractArtifact> Cache = new(StringComparer.Ordinal);

    private ContractArtifact(string name, string abi, string bytecode, string deployedBytecode, string compilerVersion, string evmVersion)
    {
        Name = name;
        Abi = abi;
        Bytecode = bytecode;
        DeployedBytecode = deployedBytecode;
        CompilerVersion = compilerVersion;
        EvmVersion = evmVersion;
        Errors = RevertDecoder.ReadErrors(abi);
    }

    /// <summary>The contract's name, e.g. <c>RecordRegistry</c>.</summary>
    public string Name { get; }

    /// <summary>The ABI as JSON.</summary>
    public string Abi { get; }

    /// <summary>The creation bytecode (0x-hex).</summary>
    public string Bytecode { get; }

    /// <summary>The runtime bytecode (0x-hex), as found at the contract's address after deployment.</summary>
    public string DeployedBytecode { get; }

    /// <summary>The compiler version that produced the bytecode.</summary>
    public string CompilerVersion { get; }

    /// <summary>The EVM version the bytecode targets.</summary>
    public string EvmVersion { get; }

    internal IReadOnlyList<ContractError> Errors { get; }

    /// <summary>The record registry: anchors records by their salted commitment.</summary>
    public static ContractArtifact RecordRegistry => Load("RecordRegistry");

    /// <summary>The access-grant contract: EIP-712 grants, revocation, delegates, guardians and the read audit trail.</summary>
    public static ContractArtifact AccessGrants => Load("AccessGrants");

    /// <summary>The credential registry: authorities certify providers, emergency providers and researchers.</summary>
    public static ContractArtifact Credentials => Load("Credentials");

    /// <summary>Break-the-glass access to a patient's vital-info profile record, always audited.</summary>
    public static ContractArtifact EmergencyAccess => Load("EmergencyAccess");

    /// <summary>MED, the platform's ERC-20 token.</summary>
    public static ContractArtifact MedToken => Load("MedToken");

    /// <summary>MediPoints: non-transferable points earned per record or bought with MED; 3-month lock, 24-month life.</summary>
    public static ContractArtifact MediPoints => Load("MediPoints");

    /// <summary>The storage quota: 1 GB free per account, more bought with MED.</summary>
    public static ContractArtifact StorageQuota => Load("StorageQuota");

    /// <summary>The data market: researchers' requests with MED in escrow, per-record consent, payment on confirmed delivery.</summary>
    public static ContractArtifact DataMarket => Load("DataMarket");

    /// <summary>The opt-in research index: de-identified metadata per record under opaque handles; hide, list again, remove.</summary>
    public static ContractArtifact SearchIndex => Load("SearchIndex");

    /// <summary>Clinical-trial recruitment: studies posted by certified researchers, anonymous interest counts, signed enrolments and withdrawals.</summary>
    public static ContractArtifact Studies => Load("Studies");
    /// <summary>Insurance claims: certified insurers' policy pools in MED, claims filed once and paid or denied once.</summary>
    public static ContractArtifact InsuranceClaims => Load("InsuranceClaims");

    /// <summary>Loads an artifact embedded in the SDK by contract name.</summary>
    /// <param name="name">The contract's name, e.g. <c>RecordRegistry</c>.</param>
    /// <returns>The artifact.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="NotFoundException">No artifact of that name is embedded.</exception>
    public static ContractArtifact Load(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Cache.GetOrAdd(name, static n =>
        {
            using var stream = typeof(ContractArtifact).Assembly.GetManifestResourceStream($"MediBloc.Sdk.Contracts.{n}.json")
                ?? throw new NotFoundException($"No contract artifact named '{n}' is embedded in MediBloc.Sdk.");
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            return new ContractArtifact(
                n,
                root.GetProperty("abi").GetRawText(),
                root.GetProperty("bytecode").GetString()!,
                root.GetProperty("deployedBytecode").GetString()!,
                root.GetProperty("compiler").GetProperty("version").GetString()!,
                root.GetProperty("settings").GetProperty("evmVersion").GetString()!);
        });
    }
}
