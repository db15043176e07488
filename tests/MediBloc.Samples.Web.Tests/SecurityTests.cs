using System.Net;
using System.Text.RegularExpressions;
using MediBloc.Samples.Web.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MediBloc.Samples.Web.Tests;

/// <summary>The web app's security model, checked over HTTP: loopback only, cookies, antiforgery, headers, and no key in any response or file but the keystore.</summary>
public sealed partial class SecurityTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _app = await WebApp.CreateAsync(new WebAppSettings { Port = 0, KeyStoreScryptN = 1024 });
        await _app.StartAsync();
        _address = WebApp.Address(_app);
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public void The_app_listens_on_loopback_only()
    {
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(_address.Host)), $"listening on {_address}");
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_creates_nothing()
    {
        using var http = new HttpClient { BaseAddress = _address };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["label"] = "Mallory", ["role"] = "Patient", ["password"] = "password123" });
        using var response = await http.PostAsync(new Uri("/?handler=Create", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_app.Services.GetRequiredService<DeviceAccounts>().All);
    }

    [Fact]
    public async Task Cookies_are_HttpOnly_and_SameSite_strict_pages_carry_a_strict_policy_and_no_key_is_ever_sent()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = _address };
        using var first = await http.GetAsync(new Uri("/", UriKind.Relative));
        var cookies = first.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(SessionWallets.CookieName + "=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", c, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains("script-src 'self'", first.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", first.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // Create a patient through the form, then read every page it can see.
        var token = Token(await first.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["label"] = "Alice", ["role"] = "Patient", ["password"] = "correct horse battery", ["__RequestVerificationToken"] = token,
        });
        using var created = await http.PostAsync(new Uri("/?handler=Create", UriKind.Relative), form);
        Assert.EndsWith("/Patient/Records", created.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        var session = _app.Services.GetRequiredService<SessionWallets>();
        var account = Assert.Single(_app.Services.GetRequiredService<DeviceAccounts>().All);

        var unlockedKeyHex = UnlockedKeyHex(account);
        var responses = new List<string>();
        foreach (var page in new[] { "/", "/Patient/Records", "/Patient/Sharing", "/Patient/Audit", "/Patient/Emergency", "/Patient/Guardians", "/Patient/Wallet", "/Patient/Research", "/Patient/Studies", "/Patient/Report", "/Patient/Report?asOf=2026-12-01", "/Patient/Claims", "/Insurer" })
        {
            using var response = await http.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            responses.Add(await response.Content.ReadAsStringAsync());
            responses.AddRange(response.Headers.SelectMany(h => h.Value));
        }
        Assert.DoesNotContain(responses, r => r.Contains(unlockedKeyHex, StringComparison.OrdinalIgnoreCase));

        // The keystore on disk is owner-only and encrypted: the key's hex is not in it.
        var keystore = Directory.EnumerateFiles(Path.Combine(_app.Services.GetRequiredService<PhrNode>().Folder, "keystores"), "0x*.json").Single();
        Assert.DoesNotContain(unlockedKeyHex, await File.ReadAllTextAsync(keystore), StringComparison.OrdinalIgnoreCase);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keystore));
        }
        Assert.NotNull(session);
    }

    private string UnlockedKeyHex(DeviceAccount account)
    {
        var accounts = _app.Services.GetRequiredService<DeviceAccounts>();
        using var key = accounts.UnlockAsync(account, "correct horse battery", CancellationToken.None).GetAwaiter().GetResult();
        return Convert.ToHexString(key.ExportPrivateKey());
    }

    private static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
