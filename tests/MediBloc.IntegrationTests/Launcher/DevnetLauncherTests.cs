using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Testing;

namespace MediBloc.IntegrationTests.Launcher;

[Collection(DevnetCollection.Name)]
public sealed class DevnetLauncherTests(DevnetFixture fixture)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Chain_answers_with_the_configured_chain_id_and_funded_accounts()
    {
        var chainId = await RpcAsync(fixture.Devnet.RpcUrl, "eth_chainId");
        Assert.Equal(31337, Convert.ToInt64(chainId.GetString(), 16));
        Assert.Equal(30, fixture.Devnet.Accounts.Count);
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", fixture.Devnet.Accounts[0].Address);
        var balance = await RpcAsync(fixture.Devnet.RpcUrl, "eth_getBalance", fixture.Devnet.Accounts[29].Address, "latest");
        Assert.True(System.Numerics.BigInteger.Parse("0" + balance.GetString()![2..], System.Globalization.NumberStyles.HexNumber) > 0);
        Assert.Equal(127, fixture.Devnet.RpcUrl.Host.Split('.').Select(int.Parse).First());
    }

    [Fact]
    public async Task Ipfs_answers_version_and_adds_like_kubo()
    {
        using var version = await Http.PostAsync(new Uri(fixture.Devnet.IpfsApiUrl, "api/v0/version"), null);
        version.EnsureSuccessStatusCode();

        var part = new ByteArrayContent("hello\n"u8.ToArray());
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { part, "file", "x" } };
        using var added = await Http.PostAsync(new Uri(fixture.Devnet.IpfsApiUrl, "api/v0/add"), form);
        var text = await added.Content.ReadAsStringAsync();
        Assert.True(added.IsSuccessStatusCode, text);
        var body = JsonDocument.Parse(text).RootElement;
        // The CID `ipfs add` (Kubo) prints for "hello\n".
        Assert.Equal("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN", body.GetProperty("Hash").GetString());
    }

    [Fact]
    public async Task Time_can_be_advanced_without_waiting()
    {
        var before = await LatestTimestampAsync();
        await fixture.Devnet.IncreaseTimeAsync(TimeSpan.FromDays(90));
        var after = await LatestTimestampAsync();
        Assert.True(after - before >= (long)TimeSpan.FromDays(90).TotalSeconds);
    }

    [Fact]
    public async Task Dispose_leaves_no_node_process_behind()
    {
        await using var devnet = await Devnet.StartAsync(new DevnetOptions { AccountCount = 2 });
        var pids = devnet.ProcessIds.ToList();
        Assert.Equal(2, pids.Count);
        // anvil and the node process of jsipfs run under their watchdogs.
        var nodes = pids.SelectMany(Descendants).Where(p => Command(p) is "anvil" or "ipfs" or "node").ToList();
        Assert.Equal(2, nodes.Count);
        var rpc = devnet.RpcUrl;

        await devnet.DisposeAsync();

        foreach (var pid in pids.Concat(nodes))
        {
            Assert.False(IsAlive(pid), $"process {pid} is still running after dispose");
        }
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.PostAsync(rpc, null));
    }

    [Fact]
    public async Task Start_without_any_node_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Devnet.StartAsync(new DevnetOptions { StartChain = false, StartIpfs = false }));
    }

    [Fact]
    public async Task A_devnet_folder_without_manifest_gives_an_actionable_error()
    {
        var empty = Directory.CreateTempSubdirectory().FullName;
        var ex = await Assert.ThrowsAsync<MediBlocException>(() =>
            Devnet.StartAsync(new DevnetOptions { DevnetDirectory = empty }));
        Assert.Contains("package.json", ex.Message, StringComparison.Ordinal);
        Assert.Equal("DevnetUnavailable", ex.Code.ToString());
    }

    private async Task<long> LatestTimestampAsync()
    {
        var block = await RpcAsync(fixture.Devnet.RpcUrl, "eth_getBlockByNumber", "latest", false);
        return Convert.ToInt64(block.GetProperty("timestamp").GetString(), 16);
    }

    private static async Task<JsonElement> RpcAsync(Uri url, string method, params object[] args)
    {
        using var response = await Http.PostAsJsonAsync(url, new { jsonrpc = "2.0", id = 1, method, @params = args });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("result").Clone();
    }

    private static bool IsAlive(int pid)
    {
        // A zombie has exited; /proc still lists it until reaped, so read its state.
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var children = $"/proc/{pid}/task/{pid}/children";
        if (!File.Exists(children))
        {
            return [];
        }
        var direct = File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        return direct.Concat(direct.SelectMany(Descendants)).ToList();
    }
}
