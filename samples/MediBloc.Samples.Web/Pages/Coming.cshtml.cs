namespace MediBloc.Samples.Web.Pages;

/// <summary>The pages that arrive with the applications: listed, not faked.</summary>
public sealed class ComingModel : AppPage
{
    /// <summary>Shows the list.</summary>
    public void OnGet()
    {
    }
}
