using System.Numerics;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Research;

/// <summary>
/// The key a patient derives for one study (HKDF of the patient's key, salted with the study contract and id). Its
/// handle is unlinkable to the patient, to the patient's index entries and to the patient's other studies.
/// </summary>
internal static class StudyInterestKey
{
    private static readonly byte[] Info = System.Text.Encoding.UTF8.GetBytes("MediBloc study interest key v1");

    public static Secp256k1PrivateKey Derive(Secp256k1PrivateKey patient, EvmAddress studiesContract, BigInteger studyId)
    {
        var id = studyId.ToByteArray(isUnsigned: true, isBigEndian: true);
        return Contracts.SearchIndex.ChildKey.Derive(patient, [.. studiesContract.ToBytes(), .. id], Info);
    }
}
