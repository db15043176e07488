using MediBloc.Sdk.Crypto;

namespace MediBloc.Samples.Web.Node;

/// <summary>What a person does in the app.</summary>
public enum AccountRole
{
    /// <summary>Owns a personal health record.</summary>
    Patient,

    /// <summary>Reads what patients share and writes visit notes under their consent.</summary>
    Clinician,

    /// <summary>Breaks the glass for a patient's vital-info profile.</summary>
    Paramedic,

    /// <summary>Posts data requests and opens released records.</summary>
    Researcher,

    /// <summary>Opens and funds policies, enrols members and adjudicates their claims.</summary>
    Insurer,
}

/// <summary>An account whose keystore is on this device: public facts only (no key).</summary>
/// <param name="Label">The name the person gave it.</param>
/// <param name="Role">What they do.</param>
/// <param name="Address">The account's address.</param>
/// <param name="PublicKey">The compressed public key (0x-hex): what others seal records to.</param>
public sealed record DeviceAccount(string Label, AccountRole Role, string Address, string PublicKey)
{
    /// <summary>The public key, parsed.</summary>
    public Secp256k1PublicKey Key => Secp256k1PublicKey.FromHex(PublicKey);

    /// <summary>The address, parsed.</summary>
    public EvmAddress EvmAddress => EvmAddress.Parse(Address);

    /// <summary>Label and shortened address.</summary>
    public string Display => $"{Label} ({Short(Address)})";

    /// <summary>0x1234…abcd.</summary>
    public static string Short(string address) => address.Length > 12 ? $"{address[..6]}…{address[^4..]}" : address;
}
