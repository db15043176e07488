using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Envelope;

public sealed unsafe class ConcurrentCommitmentTests
{
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(SaltedCommitment.SaltSize);

    [Theory]
    [InlineData(true, 0)]
    [InlineData(true, 1)]
    [InlineData(true, 3 * 1024 * 1024)]
    [InlineData(false, 0)]
    [InlineData(false, 5000)]
    public void A_whole_buffer_published_at_once_gives_the_salted_commitment(bool concurrent, int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        fixed (byte* start = data)
        {
            using var hash = new ConcurrentCommitment(Salt, start, data.Length, concurrent);
            hash.Publish(data.Length);
            Assert.Equal(SaltedCommitment.Compute(Salt, data), hash.Finish());
        }
    }

    [Theory]
    [InlineData(true, 1024, 2)]
    [InlineData(true, 1024, 3)]
    [InlineData(true, 65_536, 3)]
    [InlineData(false, 1024, 2)]
    public void A_ring_written_segment_by_segment_gives_the_commitment_of_the_whole_stream(bool concurrent, int segment, int slots)
    {
        var stream = RandomNumberGenerator.GetBytes((segment * 37) + (segment / 3));
        var ring = new byte[segment * slots];
        fixed (byte* start = ring)
        {
            using var hash = new ConcurrentCommitment(Salt, start, ring.Length, concurrent);
            for (var position = 0; position < stream.Length; position += segment)
            {
                var length = Math.Min(segment, stream.Length - position);
                hash.WaitWritable(position, segment);
                stream.AsSpan(position, length).CopyTo(ring.AsSpan(position % ring.Length));
                hash.Publish(length);
            }

            Assert.Equal(SaltedCommitment.Compute(Salt, stream), hash.Finish());
        }
    }

    [Fact]
    public void Dispose_before_Finish_stops_the_hash_and_returns()
    {
        var data = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        fixed (byte* start = data)
        {
            var hash = new ConcurrentCommitment(Salt, start, data.Length, concurrent: true);
            hash.Publish(data.Length / 2);
            hash.Dispose();
            hash.Dispose();
        }

        Assert.True(ConcurrentCommitment.Worthwhile(ConcurrentCommitment.ConcurrentThreshold) == Environment.ProcessorCount > 1);
        Assert.False(ConcurrentCommitment.Worthwhile(ConcurrentCommitment.ConcurrentThreshold - 1));
    }
}
