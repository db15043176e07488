using MediBloc.Samples.Web.Node;
using MediBloc.Sdk.Crypto;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MediBloc.Samples.Web.Pages;

/// <summary>What every page shares: the node, the device's accounts, the session's unlocked keys, and messages.</summary>
public abstract class AppPage : PageModel
{
    /// <summary>The role the page is for, or null for any.</summary>
    protected virtual AccountRole? RequiredRole => null;

    /// <summary>The node.</summary>
    public PhrNode Node => HttpContext.RequestServices.GetRequiredService<PhrNode>();

    /// <summary>Accounts on this device.</summary>
    public DeviceAccounts Accounts => HttpContext.RequestServices.GetRequiredService<DeviceAccounts>();

    /// <summary>Background work.</summary>
    public JobBoard Jobs => HttpContext.RequestServices.GetRequiredService<JobBoard>();

    /// <summary>This browser session's keys.</summary>
    public SessionWallets.Session Session => HttpContext.RequestServices.GetRequiredService<SessionWallets>().For(HttpContext);

    /// <summary>The active account, when one is unlocked.</summary>
    public DeviceAccount? Me => Accounts.Find(Session.Active);

    /// <summary>The active account's key (never rendered).</summary>
    protected Secp256k1PrivateKey Key => Session.ActiveKey ?? throw new InvalidOperationException("No account is unlocked.");

    /// <summary>A message for the person, kept across a redirect.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>A problem to show, in words a person can act on.</summary>
    public string? Problem { get; set; }

    /// <inheritdoc />
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RequiredRole is { } role && Me?.Role != role)
        {
            context.Result = RedirectToPage("/Index", new { need = role.ToString() });
        }
    }

    /// <summary>Runs an action, turning the SDK's typed errors into <see cref="Problem"/>; returns true when it worked.</summary>
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            return true;
        }
#pragma warning disable CA1031 // Shown to the person on the page.
        catch (Exception ex) when (ex is not OperationCanceledException || !HttpContext.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Problem = Problems.Describe(ex);
            return false;
        }
    }

    /// <summary>Starts long work and sends the browser to its progress page.</summary>
    protected IActionResult StartJob(string title, Func<Job, CancellationToken, Task<string>> work) =>
        RedirectToPage("/Jobs/Job", new { id = Jobs.Start(title, work).Id });

    /// <summary>A name for an address: a device account's label, or the short address.</summary>
    public string NameOf(string address) => Accounts.NameOf(address);
}
