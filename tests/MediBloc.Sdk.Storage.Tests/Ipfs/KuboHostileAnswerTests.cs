using System.Net;
using System.Text;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.Sdk.Storage.Tests.Ipfs;

/// <summary>Runs alone: the allocation counts are process-wide.</summary>
[CollectionDefinition(nameof(KuboAllocationCounting), DisableParallelization = true)]
public sealed class KuboAllocationCounting;

/// <summary>A node that answers too much or answers garbage gives a typed error, in bounded memory, with its text cut short.</summary>
[Collection(nameof(KuboAllocationCounting))]
public sealed class KuboHostileAnswerTests
{
    private const long Huge = 1L << 30; // 1 GiB, never sent in full
    private static readonly ContentId Cid = ContentId.Parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_JSON_answer_over_the_limit_gives_a_StorageException_without_reading_it_all(bool declareLength)
    {
        using var node = new HostileNode(HttpStatusCode.OK, Huge, declareLength);
        var client = Client(node);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<StorageException>(() => client.VersionAsync());

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(MediBlocErrorCode.TooLarge, error.Code);
        Assert.Contains("more than 1048576 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(node.Endpoint, error.Endpoint);
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated} bytes for a 1 MiB limit");
        Assert.True(node.BytesSent < Huge / 4, $"the node sent {node.BytesSent} bytes");
    }

    [Fact]
    public async Task The_answer_limit_is_an_option()
    {
        using var node = new HostileNode(HttpStatusCode.OK, 4096, prefix: """{"Version":"0.1","x":" """u8.ToArray(), fill: (byte)' ');

        var error = await Assert.ThrowsAsync<StorageException>(() => Client(node, o => o.MaxResponseBytes = 2048).VersionAsync());

        Assert.Contains("more than 2048 bytes", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KuboRpcClient(node.Endpoint, new KuboRpcClientOptions { MaxResponseBytes = 10 }));
    }

    [Fact]
    public async Task A_block_over_2_MiB_is_refused_without_reading_it_all()
    {
        using var node = new HostileNode(HttpStatusCode.OK, Huge);

        var error = await Assert.ThrowsAsync<StorageException>(() => Client(node).BlockGetAsync(Cid));

        Assert.Contains("more than 2097152 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(Cid.ToString(), error.Cid);
    }

    [Fact]
    public async Task A_huge_error_body_is_read_only_in_part_and_its_text_is_cut_in_the_message()
    {
        using var node = new HostileNode(HttpStatusCode.InternalServerError, Huge);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<StorageException>(() => Client(node).PinRmAsync(Cid));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(MediBlocErrorCode.StorageError, error.Code);
        Assert.Contains("(HTTP 500)", error.Message, StringComparison.Ordinal);
        Assert.Contains(new string('A', 200) + "…", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('A', 201), error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task A_long_node_message_in_a_JSON_error_is_cut_to_200_characters_with_an_ellipsis()
    {
        var message = new string('x', 10_000);
        var body = Encoding.UTF8.GetBytes($$"""{"Message":"{{message}}","Code":0,"Type":"error"}""");
        using var node = new HostileNode(HttpStatusCode.InternalServerError, body.Length, prefix: body);

        var error = await Assert.ThrowsAsync<StorageException>(() => Client(node).PinAddAsync(Cid));

        Assert.Contains(new string('x', 200) + "…", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 201), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbage_answer_gives_a_StorageException_whose_text_is_cut_and_has_no_line_breaks()
    {
        var garbage = Encoding.UTF8.GetBytes("\u0001\u0002<html>\r\nforged log line\n" + new string('g', 5000));
        using var node = new HostileNode(HttpStatusCode.OK, garbage.Length, declareLength: true, prefix: garbage);

        var error = await Assert.ThrowsAsync<StorageException>(() => Client(node).IdAsync());

        Assert.Equal(MediBlocErrorCode.StorageError, error.Code);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.Contains("…", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    private static KuboRpcClient Client(HostileNode node, Action<KuboRpcClientOptions>? configure = null)
    {
        var options = new KuboRpcClientOptions { MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(20) };
        configure?.Invoke(options);
        return new KuboRpcClient(node.Endpoint, options);
    }
}
