using System.CommandLine;
using System.Globalization;
using System.Text;
using MediBloc.Cli.Framework;
using MediBloc.Sdk.Fhir.Reports;

namespace MediBloc.Cli.Commands;

/// <summary>
/// <c>medibloc report --as PATIENT --out report.html [--out report.json] [--as-of DAY] [--force]</c>: the patient's
/// personal health report, built on this machine from the patient's own records (opened and verified here).
/// </summary>
[CommandGroup(105)]
public static class ReportCommand
{
    /// <summary>Creates the <c>report</c> command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var output = new Option<string[]>("--out")
        {
            Description = "Where to write the report: a .html file (one self-contained page with charts) and/or a .json file (medibloc.health-report/1); owner-only, never over an existing file without --force.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var asOf = new Option<string>("--as-of") { Description = "The report's day, yyyy-MM-dd (default today, UTC); records after it are not used." };
        var force = KeyCommand.ForceOption();
        var command = new Command("report", "Build your personal health report from your own records (opened and verified on this machine; nothing is sent): preventive-care gaps, trends, conditions, medications, allergies.") { output, asOf, force };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var outputs = Targets(session.Parse.GetRequiredValue(output));
            var overwrite = session.Parse.GetValue(force);
            foreach (var (path, _) in outputs)
            {
                OutputFile.Check(path, overwrite, []);
            }
            var day = ParseDay(session.Parse.GetValue(asOf));
            var patient = session.Client.GetPatientClient(session.Identity());
            IReadOnlyList<MediBloc.Sdk.Records.OpenedRecord> records;
            using (session.Output.Progress("Opening your records"))
            {
                records = await patient.OpenMyRecordsAsync(null, ct).ConfigureAwait(false);
            }
            var report = HealthReportBuilder.Build(records, day);
            var written = new List<string>();
            foreach (var (path, html) in outputs)
            {
                var text = html ? HealthReportHtml.Render(report) : HealthReportJson.Serialize(report);
                OutputFile.Write(path, overwrite, [], stream =>
                {
                    stream.Write(Encoding.UTF8.GetBytes(text));
                    return 0;
                });
                written.Add(Path.GetFullPath(path));
            }
            var result = new ReportOutput(report.Schema, report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), records.Count, report.CareGaps.Count,
                report.Trends.Count, report.ActiveConditions.Count, report.ActiveMedications.Count, report.Allergies.Count, report.Ignored.Count, written);
            return session.Output.Emit(result, (o, r) =>
            {
                o.WriteLine($"report as of {r.AsOf} from {r.Records} record(s): {r.CareGaps} care item(s) due, {r.Trends} trend(s), {r.ActiveConditions} active condition(s), " +
                    $"{r.ActiveMedications} active medication(s), {r.Allergies} allerg(ies), {r.Ignored} input(s) left out");
                foreach (var file in r.Files)
                {
                    o.WriteLine($"wrote {file}");
                }
            });
        });
        return command;
    }

    /// <summary>Each <c>--out</c> with its format (by extension); at most one of each.</summary>
    private static List<(string Path, bool Html)> Targets(string[] paths)
    {
        var targets = new List<(string Path, bool Html)>();
        foreach (var path in paths)
        {
            var extension = Path.GetExtension(path).ToUpperInvariant();
            var html = extension is ".HTML" or ".HTM";
            if (!html && extension != ".JSON")
            {
                throw new UsageException($"--out {path}: the report is written as .html or .json; name the file with one of these extensions.");
            }
            if (targets.Any(t => t.Html == html))
            {
                throw new UsageException($"--out {path}: give at most one .html and one .json file.");
            }
            targets.Add((path, html));
        }
        return targets;
    }

    private static DateOnly ParseDay(string? text)
    {
        if (text is null)
        {
            return DateOnly.FromDateTime(DateTime.UtcNow);
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException($"--as-of {text} is not a day as yyyy-MM-dd.");
    }

    internal sealed record ReportOutput(string Schema, string AsOf, int Records, int CareGaps, int Trends, int ActiveConditions, int ActiveMedications,
        int Allergies, int Ignored, IReadOnlyList<string> Files);
}
