using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordRegistry.configureAuthoring(address,address)</c>.</summary>
[Function("configureAuthoring")]
internal sealed class ConfigureAuthoringFunction : FunctionMessage
{
    [Parameter("address", "writeConsents_", 1)]
    public string WriteConsents { get; set; } = string.Empty;

    [Parameter("address", "credentials_", 2)]
    public string Credentials { get; set; } = string.Empty;
}
