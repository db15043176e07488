using System.Text;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>Draws a <see cref="VitalTrend"/> as an SVG line chart (OxyPlot, fully managed: no native renderer, no fonts loaded).</summary>
public static class HealthReportCharts
{
    /// <summary>Draws the trend as an inline SVG element (no XML declaration, no external references).</summary>
    /// <param name="trend">The trend.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <returns>The <c>&lt;svg&gt;</c> element's text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trend"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is not from 100 to 4000.</exception>
    public static string RenderSvg(VitalTrend trend, int width = 640, int height = 260)
    {
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 4000);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 4000);
        var model = new PlotModel { Title = $"{trend.Title} ({trend.Unit})", DefaultFont = "sans-serif", TitleFontSize = 14, Padding = new OxyThickness(8, 14, 16, 8) };
        model.Axes.Add(new DateTimeAxis { Position = AxisPosition.Bottom, StringFormat = "yyyy-MM", MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = trend.Unit, MajorGridlineStyle = LineStyle.Dot });
        var series = new LineSeries { MarkerType = MarkerType.Circle, MarkerSize = 3, Color = OxyColor.FromRgb(0x1f, 0x6f, 0xb2) };
        foreach (var point in trend.Points)
        {
            series.Points.Add(DateTimeAxis.CreateDataPoint(point.Date.ToDateTime(TimeOnly.MinValue), (double)point.Value));
        }
        model.Series.Add(series);
        var exporter = new SvgExporter { Width = width, Height = height, IsDocument = false };
        using var stream = new MemoryStream();
        exporter.Export(model, stream);
        var svg = Encoding.UTF8.GetString(stream.ToArray());
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start >= 0 ? svg[start..] : svg;
    }
}
