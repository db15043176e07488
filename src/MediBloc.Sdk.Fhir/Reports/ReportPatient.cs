namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>Who a <see cref="HealthReport"/> is about.</summary>
/// <param name="ResourceId">The Patient resource's id, when the records hold one.</param>
/// <param name="BirthDate">The birth date (a year or year-month is taken as its first day), or null when unknown.</param>
/// <param name="Sex">The FHIR administrative gender (<c>female</c>, <c>male</c>, <c>other</c>, <c>unknown</c>), or null.</param>
/// <param name="Age">The age in whole years on the report's day, or null without a birth date.</param>
public sealed record ReportPatient(string? ResourceId, DateOnly? BirthDate, string? Sex, int? Age);
