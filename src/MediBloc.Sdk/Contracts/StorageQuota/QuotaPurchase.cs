using System.Numerics;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.StorageQuota;

/// <summary>A mined quota purchase.</summary>
/// <param name="TransactionHash">The transaction hash (0x-hex).</param>
/// <param name="BlockNumber">The number of the block that holds the transaction.</param>
/// <param name="GasUsed">The gas the transaction used.</param>
/// <param name="Gigabytes">The gigabytes bought.</param>
/// <param name="MedPaid">The MED paid, in the smallest unit.</param>
/// <param name="QuotaBytes">The account's quota afterwards, in bytes.</param>
public sealed record QuotaPurchase(string TransactionHash, long BlockNumber, long GasUsed, BigInteger Gigabytes, BigInteger MedPaid, long QuotaBytes)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
