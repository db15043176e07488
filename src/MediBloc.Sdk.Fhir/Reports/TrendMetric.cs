namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>A vital or lab the report follows: the LOINC codes that feed it, the units it accepts and the plausible range.</summary>
internal sealed record TrendMetric(string Id, string Title, string[] Loinc, string Unit, string[] Units, decimal Min, decimal Max)
{
    /// <summary>The metrics, in the order the report lists them.</summary>
    public static readonly TrendMetric[] All =
    [
        new("systolic-blood-pressure", "Systolic blood pressure", ["8480-6"], "mm[Hg]", ["mm[Hg]", "mmHg"], 40m, 300m),
        new("diastolic-blood-pressure", "Diastolic blood pressure", ["8462-4"], "mm[Hg]", ["mm[Hg]", "mmHg"], 20m, 200m),
        new("bmi", "Body mass index (BMI)", ["39156-5"], "kg/m2", ["kg/m2", "kg/m^2"], 5m, 150m),
        new("body-weight", "Body weight", ["29463-7"], "kg", ["kg"], 0.2m, 700m),
        new("hba1c", "Hemoglobin A1c (HbA1c)", ["4548-4"], "%", ["%"], 2m, 25m),
        new("total-cholesterol", "Total cholesterol", ["2093-3"], "mg/dL", ["mg/dL"], 20m, 1500m),
        new("ldl-cholesterol", "LDL cholesterol", ["18262-6", "2089-1", "13457-7"], "mg/dL", ["mg/dL"], 5m, 1000m),
        new("hdl-cholesterol", "HDL cholesterol", ["2085-9"], "mg/dL", ["mg/dL"], 2m, 300m),
        new("triglycerides", "Triglycerides", ["2571-8"], "mg/dL", ["mg/dL"], 5m, 10000m),
        new("glucose", "Glucose", ["2339-0", "2345-7"], "mg/dL", ["mg/dL"], 10m, 2000m),
        new("heart-rate", "Heart rate", ["8867-4"], "/min", ["/min", "beats/min", "{beats}/min", "bpm"], 15m, 300m),
    ];
}
