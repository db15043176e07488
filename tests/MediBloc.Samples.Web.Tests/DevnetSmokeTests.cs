using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;

namespace MediBloc.Samples.Web.Tests;

/// <summary>The app on the devnet (anvil + js-ipfs, started by the app's <c>--devnet</c> setting): a patient is created, a resource imported, and the timeline verifies it against the real chain and IPFS.</summary>
public sealed partial class DevnetSmokeTests
{
    private const string Resource = """{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},"valueQuantity":{"value":64,"unit":"/min"}}""";

    [Fact]
    public async Task On_the_devnet_a_patient_imports_a_record_and_the_timeline_verifies_it()
    {
        await using var app = await WebApp.CreateAsync(new WebAppSettings { Port = 0, KeyStoreScryptN = 1024, StartDevnet = true });
        await app.StartAsync();
        try
        {
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
            using var http = new HttpClient(handler) { BaseAddress = WebApp.Address(app) };
            var home = await http.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("IPFS http://127.0.0.1", home, StringComparison.Ordinal);
            using var create = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["label"] = "Dana", ["role"] = "Patient", ["password"] = "correct horse battery", ["__RequestVerificationToken"] = Token(home),
            });
            using var created = await http.PostAsync(new Uri("/?handler=Create", UriKind.Relative), create);
            var records = await created.Content.ReadAsStringAsync();
            Assert.EndsWith("/Patient/Records", created.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

            using var upload = new MultipartFormDataContent
            {
                { new StringContent(Token(records)), "__RequestVerificationToken" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Resource)), "bundle", "heart-rate.json" },
            };
            using var started = await http.PostAsync(new Uri("/Patient/Records?handler=Bundle", UriKind.Relative), upload);
            var id = JobId().Match(started.RequestMessage!.RequestUri!.Query).Groups[1].Value;
            for (var i = 0; i < 240; i++)
            {
                using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/Jobs/Job?handler=Status&id={id}", UriKind.Relative)));
                if (status.RootElement.GetProperty("finished").GetBoolean())
                {
                    break;
                }
                await Task.Delay(500);
            }
            var job = await http.GetStringAsync(new Uri($"/Jobs/Job?id={id}", UriKind.Relative));
            Assert.Contains("Published 1 record.", job, StringComparison.Ordinal);
            var timeline = await http.GetStringAsync(new Uri("/Patient/Records", UriKind.Relative));
            Assert.Contains("Observation: Heart rate", timeline, StringComparison.Ordinal);
            Assert.Contains(">Verified<", timeline, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("id=([0-9a-f]+)")]
    private static partial Regex JobId();
}
