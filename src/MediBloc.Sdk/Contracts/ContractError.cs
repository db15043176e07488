using Nethereum.ABI.Model;

namespace MediBloc.Sdk.Contracts;

/// <summary>A Solidity custom error read from a contract's ABI.</summary>
/// <param name="Name">The error's name.</param>
/// <param name="Signature">The canonical signature, e.g. <c>AlreadyAnchored(bytes32,address)</c>.</param>
/// <param name="Selector">The first four bytes of keccak256(signature), as lower-case hex without 0x.</param>
/// <param name="Inputs">The error's parameters.</param>
internal sealed record ContractError(string Name, string Signature, string Selector, IReadOnlyList<Parameter> Inputs);
