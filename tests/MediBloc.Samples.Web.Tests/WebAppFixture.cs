using System.Text.Json;
using MediBloc.Samples.Web.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace MediBloc.Samples.Web.Tests;

/// <summary>
/// One app (in-process, on the embedded chain, a real Kestrel on a free loopback port) and one headless Chromium per
/// test class. Saves a screenshot of each page it checks under <c>screenshots/</c> in the test output (and into
/// samples/MediBloc.Samples.Web/docs/screenshots when MEDIBLOC_UPDATE_SCREENSHOTS=1), and runs axe-core on it.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    private string _axe = string.Empty;

    public WebApplication App { get; private set; } = null!;
    public ChromeDriver Driver { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public PhrNode Node => App.Services.GetRequiredService<PhrNode>();
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await BrowserTools.EnsureBrowserAsync();
        _axe = await BrowserTools.AxeScriptAsync();
        App = await WebApp.CreateAsync(new WebAppSettings { Port = 0, KeyStoreScryptN = 1024 });
        await App.StartAsync();
        Address = WebApp.Address(App);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserTools.ChromeDriver), Path.GetFileName(BrowserTools.ChromeDriver));
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserTools.Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1100", "--lang=en-US");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    public void Go(string path) => Driver.Navigate().GoToUrl(new Uri(Address, path));

    public IWebElement Find(string css) => Wait().Until(d => d.FindElements(By.CssSelector(css)).FirstOrDefault());

    public IReadOnlyList<IWebElement> All(string css) => Driver.FindElements(By.CssSelector(css));

    public void Fill(string id, string text)
    {
        var input = Find("#" + id);
        input.Clear();
        input.SendKeys(text);
    }

    public void Choose(string id, string visibleTextStart)
    {
        var select = new SelectElement(Find("#" + id));
        var option = select.Options.First(o => o.Text.StartsWith(visibleTextStart, StringComparison.Ordinal));
        select.SelectByValue(option.GetAttribute("value") ?? string.Empty);
    }

    public void Submit(string formId) => ClickAndWait(Find($"#{formId} button[type=submit]"));

    /// <summary>Clicks something that loads a new page, and waits until the new document has replaced the old one.</summary>
    public void ClickAndWait(IWebElement element)
    {
        Driver.ExecuteScript("window.__mbOldPage = true;");
        element.Click();
        Wait().Until(d =>
        {
            try
            {
                return ((IJavaScriptExecutor)d).ExecuteScript("return document.readyState === 'complete' && window.__mbOldPage === undefined;") is true;
            }
            catch (WebDriverException)
            {
                return false; // The page is changing under the script.
            }
        });
    }

    /// <summary>Waits for a background job's page to finish and continues; fails with the job's problem.</summary>
    public void FinishJob()
    {
        var done = new WebDriverWait(Driver, TimeSpan.FromSeconds(90)).Until(d =>
            d.FindElements(By.Id("job-continue")).FirstOrDefault() ?? d.FindElements(By.CssSelector("div.problem#job-status")).FirstOrDefault());
        Assert.True(done.TagName == "a", "The job failed: " + done.Text);
        ClickAndWait(done);
    }

    public string Problem => Driver.FindElements(By.CssSelector(".problem")).FirstOrDefault()?.Text ?? string.Empty;

    public void CreateAccount(string label, string role)
    {
        Go("/");
        Fill("create-label", label);
        Choose("create-role", role);
        Fill("create-password", Password);
        Submit("create");
        Wait().Until(d => d.FindElements(By.CssSelector(".notice, .problem")).Count > 0);
        Assert.True(Problem.Length == 0, $"Creating {label} failed: {Problem}");
    }

    public void ActAs(string label)
    {
        Choose("switch-account", label);
        ClickAndWait(Find(".switcher button"));
        Wait().Until(d => new SelectElement(d.FindElement(By.Id("switch-account"))).SelectedOption.Text.StartsWith(label, StringComparison.Ordinal));
    }

    /// <summary>Saves a screenshot of the page and asserts axe-core finds no serious or critical violation.</summary>
    public void Check(string name)
    {
        var file = Path.Combine(Screenshots, name + ".png");
        Driver.GetScreenshot().SaveAsFile(file);
        if (Environment.GetEnvironmentVariable("MEDIBLOC_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(BrowserTools.RepositoryRoot(), "samples", "MediBloc.Samples.Web", "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(file, Path.Combine(docs, name + ".png"), overwrite: true);
        }
        using var violations = JsonDocument.Parse(RunAxe() ?? "[]");
        var serious = violations.RootElement.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => v.ToString())
            .ToList();
        Assert.True(serious.Count == 0, $"axe-core found serious or critical violations on {name}:{Environment.NewLine}{string.Join(Environment.NewLine, serious)}");
    }

    /// <summary>
    /// Injects axe-core and runs it. A page that refreshes itself (a job's progress page) may reload between the two,
    /// which loses the injected script: the check is then made again on the reloaded page, up to three times.
    /// </summary>
    private string? RunAxe()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Driver.ExecuteScript(_axe);
                return (string?)Driver.ExecuteAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, { resultTypes: ['violations'] })
                      .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })))))
                      .catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));
                    """);
            }
            catch (WebDriverException e) when (attempt < 3 && (e.Message.Contains("axe is not defined", StringComparison.Ordinal) || e.Message.Contains("unload", StringComparison.OrdinalIgnoreCase)))
            {
                Wait().Until(d => ((IJavaScriptExecutor)d).ExecuteScript("return document.readyState") as string == "complete");
            }
        }
    }

    public WebDriverWait Wait() => new(Driver, TimeSpan.FromSeconds(30));
}
