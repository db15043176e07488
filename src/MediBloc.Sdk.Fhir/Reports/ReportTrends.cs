using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>The trends part of <see cref="HealthReportBuilder"/>.</summary>
internal static class ReportTrends
{
    private const string Loinc = "http://loinc.org";

    public static IReadOnlyList<VitalTrend> Build(IEnumerable<Observation> observations, DateOnly asOf, decimal stablePercent, List<IgnoredInput> ignored)
    {
        var points = TrendMetric.All.ToDictionary(m => m.Id, _ => new List<TrendPoint>(), StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            var id = HealthReportBuilder.ResourceIdOf(observation);
            try
            {
                Read(observation, id, asOf, points, ignored);
            }
            catch (CodedValidationException)
            {
                ignored.Add(new IgnoredInput(id, HealthReportBuilder.WrongType));
            }
        }
        var trends = new List<VitalTrend>();
        foreach (var metric in TrendMetric.All)
        {
            var series = points[metric.Id].OrderBy(p => p.Date).ThenBy(p => p.ResourceId, StringComparer.Ordinal).ToArray();
            if (series.Length > 0)
            {
                trends.Add(new VitalTrend(metric.Id, metric.Title, metric.Loinc, metric.Unit, series, series[^1], Direction(series, stablePercent)));
            }
        }
        return trends;
    }

    private static void Read(Observation observation, string id, DateOnly asOf, Dictionary<string, List<TrendPoint>> points, List<IgnoredInput> ignored)
    {
        if (observation.Status is ObservationStatus.Cancelled or ObservationStatus.EnteredInError)
        {
            return;
        }
        var values = new List<(TrendMetric Metric, DataType? Value)>();
        if (MetricOf(observation.Code) is { } metric)
        {
            values.Add((metric, observation.Value));
        }
        foreach (var component in observation.Component)
        {
            if (MetricOf(component.Code) is { } componentMetric)
            {
                values.Add((componentMetric, component.Value));
            }
        }
        if (values.Count == 0)
        {
            return;
        }
        var date = ReportDates.Of(observation.Effective) ?? (observation.Issued is { } issued ? DateOnly.FromDateTime(issued.DateTime) : null);
        if (date is null)
        {
            ignored.Add(new IgnoredInput(id, "no effective date"));
            return;
        }
        if (date > asOf)
        {
            return;
        }
        var accepted = new List<(string Metric, TrendPoint Point)>();
        foreach (var (valueMetric, value) in values)
        {
            if (Accept(valueMetric, value, id, ignored) is { } number)
            {
                accepted.Add((valueMetric.Id, new TrendPoint(date.Value, number, id)));
            }
        }
        foreach (var (metricId, point) in accepted)
        {
            points[metricId].Add(point);
        }
    }

    private static TrendMetric? MetricOf(CodeableConcept? code) =>
        code?.Coding
            .Where(c => c.System == Loinc && c.Code is not null)
            .Select(c => TrendMetric.All.FirstOrDefault(m => m.Loinc.Contains(c.Code, StringComparer.Ordinal)))
            .FirstOrDefault(m => m is not null);

    private static decimal? Accept(TrendMetric metric, DataType? value, string id, List<IgnoredInput> ignored)
    {
        if (value is not Quantity { Value: { } number } quantity)
        {
            ignored.Add(new IgnoredInput(id, $"{metric.Id}: no numeric value"));
            return null;
        }
        var unit = quantity.Code ?? quantity.Unit;
        if (unit is null || !metric.Units.Contains(unit, StringComparer.Ordinal))
        {
            ignored.Add(new IgnoredInput(id, $"{metric.Id}: unit {(unit is null ? "missing" : Printable(unit))}, expected {metric.Unit}"));
            return null;
        }
        if (number < metric.Min || number > metric.Max)
        {
            ignored.Add(new IgnoredInput(id, string.Create(CultureInfo.InvariantCulture, $"{metric.Id}: value outside the plausible range {metric.Min}–{metric.Max} {metric.Unit}")));
            return null;
        }
        return number;
    }

    private static string Printable(string unit) => unit.Length <= 20 && unit.All(c => !char.IsControl(c)) ? unit : "(unreadable)";

    private static TrendDirection Direction(TrendPoint[] series, decimal stablePercent)
    {
        if (series.Length < 2)
        {
            return TrendDirection.Insufficient;
        }
        var previous = series[^2].Value;
        var change = series[^1].Value - previous;
        var limit = Math.Abs(previous) * stablePercent / 100m;
        return change > limit ? TrendDirection.Rising : change < -limit ? TrendDirection.Falling : TrendDirection.Stable;
    }
}
