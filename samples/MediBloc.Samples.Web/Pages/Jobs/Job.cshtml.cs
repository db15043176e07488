using MediBloc.Samples.Web.Node;
using Microsoft.AspNetCore.Mvc;

namespace MediBloc.Samples.Web.Pages.Jobs;

/// <summary>The progress of long work; the page refreshes itself until the work ends.</summary>
public sealed class JobModel : AppPage
{
    /// <summary>The job.</summary>
    public Job? Work { get; private set; }

    /// <summary>Shows the job.</summary>
    public IActionResult OnGet(string id)
    {
        Work = Jobs.Find(id);
        return Work is null ? NotFound() : Page();
    }

    /// <summary>The job's progress as JSON, for the page's poller.</summary>
    public IActionResult OnGetStatus(string id) =>
        Jobs.Find(id) is { } job ? new JsonResult(new { finished = job.Finished, status = job.Status, percent = job.Percent }) : NotFound();
}
