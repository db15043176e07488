using System.Text;
using MediBloc.Sdk.Crypto;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Batches;

/// <summary>
/// Many records anchored as one Merkle root. The tree is the one <c>RecordRegistry.verifyInBatch</c> checks:
/// leaf = keccak256(0x00 ‖ commitment ‖ keccak256(cid) ‖ keccak256(contentType)); inner node =
/// keccak256(0x01 ‖ min(a, b) ‖ max(a, b)); an odd node at the end of a level moves up unchanged.
/// </summary>
/// <remarks>The leaf and node prefixes keep a leaf from passing for an inner node (second-preimage attacks).
/// Proofs verify both off chain (<see cref="Verify(string, BatchRecord, MerkleProof)"/>) and on chain
/// (<see cref="MediBloc.Sdk.Contracts.RecordRegistry.RecordRegistryClient.VerifyInBatchAsync"/>).</remarks>
public sealed class RecordBatch
{
    private readonly List<byte[][]> _levels;

    private RecordBatch(IReadOnlyList<BatchRecord> records, List<byte[][]> levels)
    {
        Records = records;
        _levels = levels;
        Root = levels[^1][0].ToHex(true);
    }

    /// <summary>The records, in the order they were given.</summary>
    public IReadOnlyList<BatchRecord> Records { get; }

    /// <summary>The number of records.</summary>
    public int Count => Records.Count;

    /// <summary>The Merkle root (0x-hex) to anchor.</summary>
    public string Root { get; }

    /// <summary>Builds the tree over the records.</summary>
    /// <param name="records">The records (at least one; no commitment twice).</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">There are no records, or a commitment appears twice.</exception>
    public static RecordBatch Create(IEnumerable<BatchRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A batch holds at least one record.", nameof(records));
        }
        var seen = new HashSet<Commitment>();
        foreach (var r in list)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(records));
            if (!seen.Add(r.Commitment))
            {
                throw new ArgumentException($"Commitment {r.Commitment} appears twice in the batch.", nameof(records));
            }
        }
        var levels = new List<byte[][]> { list.Select(LeafBytes).ToArray() };
        while (levels[^1].Length > 1)
        {
            var below = levels[^1];
            var above = new byte[(below.Length + 1) / 2][];
            for (var i = 0; i < above.Length; i++)
            {
                above[i] = 2 * i + 1 < below.Length ? Node(below[2 * i], below[2 * i + 1]) : below[2 * i];
            }
            levels.Add(above);
        }
        return new RecordBatch(list, levels);
    }

    /// <summary>The inclusion proof of the record at <paramref name="index"/>.</summary>
    /// <param name="index">The record's position in <see cref="Records"/>.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public MerkleProof GetProof(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var siblings = new List<string>();
        var position = index;
        for (var level = 0; level < _levels.Count - 1; level++)
        {
            var sibling = position ^ 1;
            if (sibling < _levels[level].Length)
            {
                siblings.Add(_levels[level][sibling].ToHex(true));
            }
            position /= 2;
        }
        return new MerkleProof(index, _levels[0][index].ToHex(true), siblings);
    }

    /// <summary>The leaf hash of a record (0x-hex), equal to <c>RecordRegistry.leafHash</c> on chain.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The leaf hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static string ComputeLeaf(BatchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return LeafBytes(record).ToHex(true);
    }

    /// <summary>Checks off chain that <paramref name="proof"/> leads from <paramref name="record"/> to <paramref name="root"/>.</summary>
    /// <param name="root">The batch's Merkle root (0x-hex).</param>
    /// <param name="record">The record.</param>
    /// <param name="proof">Its inclusion proof.</param>
    /// <returns><see langword="true"/> when the proof holds.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="root"/> or a sibling is not 32 bytes of hex.</exception>
    public static bool Verify(string root, BatchRecord record, MerkleProof proof)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(proof);
        var node = LeafBytes(record);
        foreach (var sibling in proof.Siblings)
        {
            node = Node(node, ParseHash(sibling));
        }
        return node.AsSpan().SequenceEqual(ParseHash(root));
    }

    internal static byte[] ParseHash(string hex)
    {
        try
        {
            var bytes = hex.HexToByteArray();
            if (bytes.Length == 32)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }
        throw new InvalidFormatException("A Merkle root or proof element is 32 bytes written as hex.");
    }

    private static byte[] LeafBytes(BatchRecord record)
    {
        var buffer = new byte[1 + 32 + 32 + 32];
        buffer[0] = 0x00;
        record.Commitment.AsSpan().CopyTo(buffer.AsSpan(1));
        Keccak(Encoding.UTF8.GetBytes(record.Cid)).CopyTo(buffer, 33);
        Keccak(Encoding.UTF8.GetBytes(record.ContentType)).CopyTo(buffer, 65);
        return Keccak(buffer);
    }

    private static byte[] Node(byte[] a, byte[] b)
    {
        var (low, high) = a.AsSpan().SequenceCompareTo(b) < 0 ? (a, b) : (b, a);
        var buffer = new byte[65];
        buffer[0] = 0x01;
        low.CopyTo(buffer, 1);
        high.CopyTo(buffer, 33);
        return Keccak(buffer);
    }

    private static byte[] Keccak(byte[] data) => Keccak256.Hash(data);
}
