namespace MediBloc.Sdk;

/// <summary>Where the SDK's contracts were deployed.</summary>
/// <param name="ChainId">The chain they live on.</param>
/// <param name="RecordRegistryAddress">The record registry's address.</param>
public sealed record MediBlocDeployment(long ChainId, string RecordRegistryAddress);
