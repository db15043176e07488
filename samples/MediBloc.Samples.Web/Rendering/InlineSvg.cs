using System.Xml;
using System.Xml.Linq;

namespace MediBloc.Samples.Web.Rendering;

/// <summary>
/// Makes a chart's SVG safe to inline under the app's strict Content-Security-Policy (<c>style-src 'self'</c>, no
/// inline styles): every <c>style</c> attribute becomes SVG presentation attributes, and anything that is not
/// drawing (scripts, event handlers, links, foreign objects) is removed. The result carries an accessible name.
/// </summary>
public static class InlineSvg
{
    private static readonly HashSet<string> Presentation = new(StringComparer.Ordinal)
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "font-family", "font-size", "font-weight",
        "font-style", "text-anchor", "dominant-baseline", "opacity", "visibility", "clip-rule",
    };

    private static readonly HashSet<string> Removed = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "foreignObject", "a", "iframe", "image", "use", "style",
    };

    /// <summary>Returns the <c>&lt;svg&gt;</c> element's text with styles as attributes and <paramref name="label"/> as its name.</summary>
    /// <exception cref="XmlException">The text is not well-formed XML.</exception>
    public static string Prepare(string svg, string label)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(svg), settings);
        var root = XElement.Load(reader);
        root.Descendants().Where(e => Removed.Contains(e.Name.LocalName)).ToList().ForEach(e => e.Remove());
        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes().ToList())
            {
                var name = attribute.Name.LocalName;
                if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || name == "href")
                {
                    attribute.Remove();
                }
            }
            if (element.Attribute("style") is { } style)
            {
                foreach (var declaration in style.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var colon = declaration.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                    {
                        continue;
                    }
                    var property = declaration[..colon].Trim();
                    var value = declaration[(colon + 1)..].Trim();
                    if (Presentation.Contains(property) && element.Attribute(property) is null && !value.Contains("url(", StringComparison.OrdinalIgnoreCase))
                    {
                        element.SetAttributeValue(property, value);
                    }
                }
                style.Remove();
            }
        }
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue("aria-label", label);
        return root.ToString(SaveOptions.DisableFormatting);
    }
}
