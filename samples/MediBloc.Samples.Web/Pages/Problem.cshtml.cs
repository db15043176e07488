using MediBloc.Samples.Web.Node;
using Microsoft.AspNetCore.Diagnostics;

namespace MediBloc.Samples.Web.Pages;

/// <summary>An unexpected error, described without details that could hold health data or keys.</summary>
public sealed class ProblemModel : AppPage
{
    /// <summary>Describes the error.</summary>
    public void OnGet() => Describe();

    /// <summary>Describes the error of a form post.</summary>
    public void OnPost() => Describe();

    private void Describe()
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Problem = error is null ? "Something went wrong." : Problems.Describe(error);
    }
}
