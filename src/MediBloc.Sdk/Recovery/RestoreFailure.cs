using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Recovery;

/// <summary>A record anchored by the patient that could not be restored.</summary>
/// <param name="Cid">The envelope's CID, as anchored.</param>
/// <param name="Commitment">The anchored commitment (0x-hex).</param>
/// <param name="Error">Why: a <see cref="NotFoundException"/> when no store holds the envelope, an <see cref="IntegrityException"/> when the copy found fails a check.</param>
public sealed record RestoreFailure(string Cid, Commitment Commitment, MediBlocException Error);
