namespace MediBloc.Sdk.Fhir.Tests.PatientGenerated;

/// <summary>CSV exports as spreadsheets and device apps write them: quoted fields, CRLF, a byte-order mark.</summary>
public sealed class DeviceReadingCsvTests
{
    [Fact]
    public void A_quoted_field_may_hold_commas()
    {
        var readings = DeviceReadingImporter.ReadCsv("time,type,value,unit,device\n2026-11-20T07:00:00Z,heart_rate,62,bpm,\"Watch, series 9\"\n");

        Assert.Equal("Watch, series 9", Assert.Single(readings).Device);
    }

    [Fact]
    public void A_quoted_field_may_hold_doubled_quotes_and_a_line_break()
    {
        var readings = DeviceReadingImporter.ReadCsv("time,type,value,device\n2026-11-20T07:00:00Z,steps,\"8412\",\"The \"\"good\"\"\nwatch\"\n2026-11-20T08:00:00Z,steps,10,x\n");

        Assert.Equal(2, readings.Count);
        Assert.Equal("The \"good\"\nwatch", readings[0].Device);
        Assert.Equal(8412m, readings[0].Value);
    }

    [Fact]
    public void CRLF_line_ends_and_a_byte_order_mark_read_like_LF()
    {
        var lf = DeviceReadingImporter.ReadCsv("time,type,value,unit\n2026-11-20T07:05:00+01:00,blood_pressure,118/76,mmHg\n2026-11-20T08:00:00+01:00,glucose,96,mg/dL\n");

        var crlf = DeviceReadingImporter.ReadCsv("\uFEFFtime,type,value,unit\r\n2026-11-20T07:05:00+01:00,blood_pressure,118/76,mmHg\r\n2026-11-20T08:00:00+01:00,glucose,96,mg/dL\r\n");

        Assert.Equal(lf, crlf);
        Assert.Equal(76m, crlf[0].Diastolic);
        Assert.Equal("mg/dL", crlf[1].Unit);
    }

    [Fact]
    public void Header_names_are_trimmed_and_case_insensitive_and_blank_lines_are_skipped()
    {
        var readings = DeviceReadingImporter.ReadCsv(" Time , TYPE ,Value\n\n2026-11-20T07:00:00Z, heart_rate , 62 \n\n");

        Assert.Equal(62m, Assert.Single(readings).Value);
    }

    [Theory]
    [InlineData("time,type,value\n2026-11-20T07:00:00Z,heart_rate,\"62\n", "line[2]")]
    [InlineData("time,type,value\n2026-11-20T07:00:00Z,heart_rate,\"6\"2\n", "line[2]")]
    [InlineData("time,type,value\n2026-11-20T07:00:00Z,heart_rate,62\n2026-11-20T07:00:00Z,heart_rate\n", "line[3].value")]
    public void A_malformed_row_is_a_FhirFormatException_naming_its_row(string csv, string path)
    {
        var ex = Assert.Throws<FhirFormatException>(() => DeviceReadingImporter.ReadCsv(csv));

        Assert.StartsWith(path, ex.JsonPath, StringComparison.Ordinal);
        Assert.DoesNotContain("62", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_are_numbered_as_records_counting_the_header_and_blank_lines()
    {
        var blank = Assert.Throws<FhirFormatException>(() => DeviceReadingImporter.ReadCsv("time,type,value\n\n\n2026-11-20T07:00:00Z,heart_rate,x\n"));
        var multiline = Assert.Throws<FhirFormatException>(() => DeviceReadingImporter.ReadCsv("time,type,value,device\n2026-11-20T07:00:00Z,steps,1,\"a\nb\"\n2026-11-20T07:00:00Z,steps,x,c\n"));

        Assert.Equal("line[4].value", blank.JsonPath);
        Assert.Equal("line[3].value", multiline.JsonPath);
    }

    [Fact]
    public void An_empty_export_is_a_FhirFormatException_for_the_missing_header()
    {
        var ex = Assert.Throws<FhirFormatException>(() => DeviceReadingImporter.ReadCsv(""));

        Assert.Equal("line[1].time", ex.JsonPath);
    }
}
