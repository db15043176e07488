using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.vouchingRules()</c>.</summary>
[Function("vouchingRules", typeof(VouchingRulesOutput))]
internal sealed class VouchingRulesFunction : FunctionMessage
{
}
