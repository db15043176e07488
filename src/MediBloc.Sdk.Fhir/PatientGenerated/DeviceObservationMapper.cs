using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir;

/// <summary>
/// Turns device readings into FHIR R4 Observations: LOINC codes, UCUM units, the observation category, the patient
/// as subject and the reading's time as <c>effectiveDateTime</c>. Heart rate and blood pressure claim the core
/// vital-signs profiles (<c>heartrate</c>, <c>bp</c>, <c>bodyweight</c>, <c>bodytemp</c>) and conform to them; steps are category <c>activity</c>,
/// glucose <c>laboratory</c>.
/// </summary>
public static class DeviceObservationMapper
{
    private const string Loinc = "http://loinc.org";
    private const string Ucum = "http://unitsofmeasure.org";

    /// <summary>Maps readings to Observations, one per reading.</summary>
    /// <param name="readings">The readings.</param>
    /// <param name="patient">A reference to the patient (for example <c>Patient/123</c> or a <c>urn:uuid:</c>).</param>
    /// <returns>The Observations, in reading order (no ids; assign them when you store them).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="readings"/> is null or holds null.</exception>
    /// <exception cref="ArgumentException"><paramref name="patient"/> is null or empty.</exception>
    /// <exception cref="FhirFormatException">A reading's unit does not fit its kind (path <c>[i].unit</c>).</exception>
    public static IReadOnlyList<Observation> ToObservations(IEnumerable<DeviceReading> readings, string patient)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentException.ThrowIfNullOrWhiteSpace(patient);
        var result = new List<Observation>();
        var i = 0;
        foreach (var reading in readings)
        {
            ArgumentNullException.ThrowIfNull(reading, nameof(readings));
            result.Add(ToObservation(reading, patient, $"[{i++}]"));
        }
        return result;
    }

    private static Observation ToObservation(DeviceReading reading, string patient, string path)
    {
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Subject = new ResourceReference(patient),
            Effective = new FhirDateTime(reading.Time),
        };
        if (reading.Device is { } device)
        {
            observation.Device = new ResourceReference { Display = device };
        }
        var unit = reading.Unit?.Trim();
        if (reading.Kind == DeviceReadingKind.HeartRate)
        {
            RequireUnit(unit, path, "bpm", "/min", "beats/min", "beats/minute");
            Vital(observation, "http://hl7.org/fhir/StructureDefinition/heartrate", "8867-4", "Heart rate");
            observation.Value = Quantity(reading.Value, "beats/minute", "/min");
        }
        else if (reading.Kind == DeviceReadingKind.BloodPressure)
        {
            RequireUnit(unit, path, "mmHg", "mm[Hg]");
            Vital(observation, "http://hl7.org/fhir/StructureDefinition/bp", "85354-9", "Blood pressure panel with all children optional");
            observation.Component =
            [
                new Observation.ComponentComponent { Code = new CodeableConcept(Loinc, "8480-6", "Systolic blood pressure"), Value = Quantity(reading.Value, "mmHg", "mm[Hg]") },
                new Observation.ComponentComponent
                {
                    Code = new CodeableConcept(Loinc, "8462-4", "Diastolic blood pressure"),
                    Value = Quantity(reading.Diastolic ?? throw new FhirFormatException($"{path}.value: blood pressure needs a diastolic value.", $"{path}.value"), "mmHg", "mm[Hg]"),
                },
            ];
        }
        else if (reading.Kind == DeviceReadingKind.Steps)
        {
            RequireUnit(unit, path, "steps", "{steps}", "count");
            observation.Category = [Category("activity", "Activity")];
            observation.Code = new CodeableConcept(Loinc, "55423-8", "Number of steps in unspecified time Pedometer");
            observation.Value = Quantity(reading.Value, "steps", "{steps}");
        }
        else if (reading.Kind == DeviceReadingKind.Glucose)
        {
            var molar = string.Equals(unit, "mmol/L", StringComparison.OrdinalIgnoreCase);
            if (!molar)
            {
                RequireUnit(unit, path, "mg/dL");
            }
            observation.Category = [Category("laboratory", "Laboratory")];
            observation.Code = molar
                ? new CodeableConcept(Loinc, "15074-8", "Glucose [Moles/volume] in Blood")
                : new CodeableConcept(Loinc, "2339-0", "Glucose [Mass/volume] in Blood");
            observation.Value = molar ? Quantity(reading.Value, "mmol/L", "mmol/L") : Quantity(reading.Value, "mg/dL", "mg/dL");
        }
        else if (reading.Kind == DeviceReadingKind.BodyWeight)
        {
            RequireUnit(unit, path, "kg", "[lb_av]", "lb");
            Vital(observation, "http://hl7.org/fhir/StructureDefinition/bodyweight", "29463-7", "Body weight");
            observation.Value = unit is "[lb_av]" or "lb" ? Quantity(reading.Value, "lb", "[lb_av]") : Quantity(reading.Value, "kg", "kg");
        }
        else if (reading.Kind == DeviceReadingKind.BodyTemperature)
        {
            RequireUnit(unit, path, "Cel", "[degF]", "C", "F");
            Vital(observation, "http://hl7.org/fhir/StructureDefinition/bodytemp", "8310-5", "Body temperature");
            observation.Value = unit is "[degF]" or "F" ? Quantity(reading.Value, "°F", "[degF]") : Quantity(reading.Value, "°C", "Cel");
        }
        else
        {
            throw new FhirFormatException($"{path}.type: not one of heart_rate, steps, blood_pressure, glucose, body_weight, body_temperature.", $"{path}.type");
        }
        return observation;
    }

    private static void Vital(Observation observation, string profile, string code, string display)
    {
        observation.Meta = new Meta { Profile = [profile] };
        observation.Category = [Category("vital-signs", "Vital Signs")];
        observation.Code = new CodeableConcept(Loinc, code, display);
    }

    private static CodeableConcept Category(string code, string display) =>
        new("http://terminology.hl7.org/CodeSystem/observation-category", code, display);

    private static Quantity Quantity(decimal value, string unit, string code) => new()
    {
        Value = value,
        Unit = unit,
        System = Ucum,
        Code = code,
    };

    private static void RequireUnit(string? unit, string path, params string[] accepted)
    {
        if (unit is not null && !accepted.Contains(unit, StringComparer.OrdinalIgnoreCase))
        {
            throw new FhirFormatException($"{path}.unit: expected one of {string.Join(", ", accepted)}.", $"{path}.unit");
        }
    }
}
