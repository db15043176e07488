using System.Numerics;

namespace MediBloc.Sdk.Credentials;

/// <summary>The peer-vouching rules of a <c>Credentials</c> contract.</summary>
/// <param name="PointsAddress">The MediPoints contract that holds deposits, or <see langword="null"/> while vouching is off.</param>
/// <param name="VouchesRequired">How many vouches certify a candidate.</param>
/// <param name="Deposit">The MediPoints each voucher locks.</param>
/// <param name="Term">How long a vouched credential lasts.</param>
public sealed record VouchingRules(string? PointsAddress, int VouchesRequired, BigInteger Deposit, TimeSpan Term);
