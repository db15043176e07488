using MediBloc.Samples.Web.Rendering;

namespace MediBloc.Samples.Web.Tests;

/// <summary>The report's charts are inlined under the strict CSP: no inline style, nothing but drawing, a name.</summary>
public sealed class InlineSvgTests
{
    [Fact]
    public void Styles_become_presentation_attributes_and_anything_active_is_removed()
    {
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" onload="alert(1)">
              <script>alert(2)</script>
              <a href="https://example.org"><text>link</text></a>
              <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
              <polyline points="0,0 10,10" style="stroke:#1f6fb2;stroke-width:2;fill:none;background:url(https://example.org/x)" onclick="alert(3)"/>
              <text x="1" y="2" style="font-family:sans-serif;font-size:12px;behavior:url(x.htc)">Weight</text>
            </svg>
            """;

        var prepared = InlineSvg.Prepare(svg, "Chart of Body weight over time, in kg");

        Assert.DoesNotContain("style=", prepared, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", prepared, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", prepared, StringComparison.Ordinal);
        Assert.DoesNotContain("foreignObject", prepared, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", prepared, StringComparison.Ordinal);
        Assert.Contains("stroke=\"#1f6fb2\"", prepared, StringComparison.Ordinal);
        Assert.Contains("stroke-width=\"2\"", prepared, StringComparison.Ordinal);
        Assert.Contains("font-size=\"12px\"", prepared, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", prepared, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Chart of Body weight over time, in kg\"", prepared, StringComparison.Ordinal);
        Assert.Contains(">Weight</text>", prepared, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_not_expanded()
    {
        const string svg = "<!DOCTYPE svg [<!ENTITY x \"boom\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>";
        Assert.Throws<System.Xml.XmlException>(() => InlineSvg.Prepare(svg, "chart"));
    }
}
