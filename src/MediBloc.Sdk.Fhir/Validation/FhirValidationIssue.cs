namespace MediBloc.Sdk.Fhir;

/// <summary>One finding of the validator.</summary>
/// <param name="Severity">fatal, error, warning or information (FHIR <c>OperationOutcome.issue.severity</c>).</param>
/// <param name="Location">The element path the issue is about, when the validator gives one.</param>
/// <param name="Message">The validator's message. It may quote values of the resource: do not log it where PHI must not go.</param>
public sealed record FhirValidationIssue(string Severity, string? Location, string Message);
