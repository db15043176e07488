using System.Globalization;
using System.Numerics;
using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Newtonsoft.Json.Linq;

namespace MediBloc.Sdk.EmbeddedChain.Rpc;

/// <summary>Reads positional JSON-RPC parameters with errors that name the parameter.</summary>
internal sealed class RpcParams(string method, JArray values, Func<string, long?>? blockByHash = null)
{
    public int Count => values.Count;

    public JToken? Optional(int index) =>
        index < values.Count && values[index].Type is not JTokenType.Null and not JTokenType.Undefined ? values[index] : null;

    public JToken Required(int index) =>
        Optional(index) ?? throw Invalid($"{method} needs parameter {index + 1}.");

    public string Address(int index)
    {
        var value = Required(index).Type == JTokenType.String ? (string)Required(index)! : null;
        return value is not null && Addresses.IsValid(value) ? value : throw Invalid($"{method}: parameter {index + 1} must be a 0x-prefixed 20-byte hex address.");
    }

    public string Hash(int index)
    {
        var value = Required(index).Type == JTokenType.String ? (string)Required(index)! : null;
        return value is { Length: 66 } && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? value.ToLowerInvariant()
            : throw Invalid($"{method}: parameter {index + 1} must be a 0x-prefixed 32-byte hex hash.");
    }

    public string String(int index) =>
        Required(index).Type == JTokenType.String ? (string)Required(index)! : throw Invalid($"{method}: parameter {index + 1} must be a string.");

    public BigInteger Quantity(int index) => ParseQuantity(Required(index), index);

    public bool Bool(int index, bool fallback) => Optional(index) is { } token
        ? token.Type == JTokenType.Boolean ? (bool)token : throw Invalid($"{method}: parameter {index + 1} must be true or false.")
        : fallback;

    public BigInteger ParseQuantity(JToken token, int index)
    {
        switch (token.Type)
        {
            case JTokenType.Integer:
                return BigInteger.Parse(token.ToString(), CultureInfo.InvariantCulture);
            case JTokenType.String:
                var s = (string)token!;
                if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length > 2
                    && BigInteger.TryParse("0" + s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
                {
                    return hex;
                }
                if (BigInteger.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var dec))
                {
                    return dec;
                }
                break;
        }
        throw Invalid($"{method}: parameter {index + 1} must be a hex quantity such as 0x1a.");
    }

    /// <summary>A block tag or number: <see langword="null"/> for latest/pending/safe/finalized, else the number.</summary>
    public long? Block(int index)
    {
        var token = Optional(index);
        if (token is null)
        {
            return null;
        }
        if (token.Type == JTokenType.Object)
        {
            // EIP-1898: { "blockNumber": … } or { "blockHash": … }.
            if (token["blockHash"] is { Type: JTokenType.String } hash && blockByHash is not null)
            {
                return blockByHash((string)hash!) ?? throw new ChainException($"{method}: no block has hash {(string)hash!}.", InProcessChainErrors.UnknownBlock);
            }
            token = token["blockNumber"] ?? throw Invalid($"{method}: block parameter objects must hold blockNumber or blockHash.");
        }
        if (token.Type == JTokenType.String)
        {
            switch (((string)token!).ToLowerInvariant())
            {
                case "latest" or "pending" or "safe" or "finalized":
                    return null;
                case "earliest":
                    return 0;
            }
        }
        var n = ParseQuantity(token, index);
        return n > long.MaxValue ? throw Invalid($"{method}: block number out of range.") : (long)n;
    }

    public BlockParameter BlockParameter(JToken? token, int index)
    {
        if (token is null || token.Type == JTokenType.Null)
        {
            return Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest();
        }
        if (token.Type == JTokenType.String)
        {
            switch (((string)token!).ToLowerInvariant())
            {
                case "latest" or "pending" or "safe" or "finalized":
                    return Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest();
                case "earliest":
                    return Nethereum.RPC.Eth.DTOs.BlockParameter.CreateEarliest();
            }
        }
        return new BlockParameter(new HexBigInteger(ParseQuantity(token, index)));
    }

    public T Object<T>(int index) where T : class
    {
        var token = Required(index);
        try
        {
            return token.Type == JTokenType.Object ? token.ToObject<T>()! : throw Invalid($"{method}: parameter {index + 1} must be an object.");
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new ChainException($"{method}: parameter {index + 1} is malformed.", InProcessChainErrors.InvalidParameters, ex);
        }
    }

    public ChainException Invalid(string message) => new(message, InProcessChainErrors.InvalidParameters);
}
