namespace MediBloc.Sdk.Fhir.Tests;

/// <summary>One validator for the test run: loading the R4 definitions takes a while.</summary>
public sealed class ValidatorFixture
{
    public FhirResourceValidator Validator { get; } = new();
}

[CollectionDefinition(Name)]
public sealed class ValidatorCollection : ICollectionFixture<ValidatorFixture>
{
    public const string Name = "FHIR validator";
}
