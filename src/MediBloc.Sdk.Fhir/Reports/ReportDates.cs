using System.Globalization;
using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>Reads FHIR dates as days: the date part as written (in the record's own offset); a year or year-month is its first day.</summary>
internal static class ReportDates
{
    public static DateOnly? Of(DataType? value) => value switch
    {
        FhirDateTime dateTime => Parse(dateTime.Value),
        Date date => Parse(date.Value),
        Instant instant => instant.Value is { } v ? DateOnly.FromDateTime(v.DateTime) : null,
        Period period => Parse(period.Start) ?? Parse(period.End),
        _ => null,
    };

    public static DateOnly? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < 4)
        {
            return null;
        }
        var formats = new[] { "yyyy-MM-dd", "yyyy-MM", "yyyy" };
        var head = text.Length >= 10 ? text[..10] : text;
        return DateOnly.TryParseExact(head, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}
