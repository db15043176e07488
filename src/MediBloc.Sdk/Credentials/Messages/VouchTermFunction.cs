using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Credentials.Messages;

/// <summary><c>Credentials.vouchTerm()</c>.</summary>
[Function("vouchTerm", "uint64")]
internal sealed class VouchTermFunction : FunctionMessage
{
}
