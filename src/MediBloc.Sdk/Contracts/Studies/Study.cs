using System.Numerics;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Contracts.Studies;

/// <summary>A study as the chain holds it: who posted it, its document's hash, its state and its counts.</summary>
/// <param name="StudyId">The study's id (from 1).</param>
/// <param name="Researcher">The certified researcher who posted it.</param>
/// <param name="PostedAt">When it was posted (chain time).</param>
/// <param name="Status">Open or closed.</param>
/// <param name="InterestedCount">Live anonymous interests (signalled, not taken back). A count of keys, not of people: see the threat model.</param>
/// <param name="EnrolledCount">Patients enrolled and not withdrawn.</param>
/// <param name="DocumentDigest">SHA-256 of the study document (0x-hex); its CID is CIDv1 raw over this digest.</param>
public sealed record Study(
    BigInteger StudyId, EvmAddress Researcher, DateTimeOffset PostedAt, StudyStatus Status, int InterestedCount, int EnrolledCount, string DocumentDigest);
