using System.Collections;
using System.Globalization;
using MediBloc.Sdk.EmbeddedChain.State;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.EmbeddedChain.Blocks;

/// <summary>Evaluates an <c>eth_getLogs</c> filter over the mined blocks.</summary>
internal static class LogQuery
{
    public static IReadOnlyList<FilterLog> Run(
        IReadOnlyList<MinedBlock> blocks,
        IReadOnlyDictionary<string, MinedTransaction> transactions,
        NewFilterInput filter,
        string? blockHash,
        long latest)
    {
        var addresses = filter.Address is { Length: > 0 }
            ? new HashSet<string>(filter.Address.Where(a => a is not null).Select(Addresses.Normalize), StringComparer.Ordinal)
            : null;
        var topics = (filter.Topics ?? []).Select(ParseTopic).ToList();

        long from, to;
        if (blockHash is not null)
        {
            var block = blocks.FirstOrDefault(b => string.Equals(b.Hash, blockHash, StringComparison.OrdinalIgnoreCase))
                ?? throw new ChainException("unknown block: no block has the hash " + blockHash + ".", InProcessChainErrors.UnknownBlock);
            from = to = block.Number;
        }
        else
        {
            from = Resolve(filter.FromBlock, latest);
            to = Resolve(filter.ToBlock, latest);
            if (from > latest)
            {
                // anvil refuses a range that starts after the head (and answers an empty list when only the end lies beyond it).
                throw new ChainException(
                    string.Create(CultureInfo.InvariantCulture, $"BlockOutOfRangeError: block height is {latest} but requested was {from}."),
                    InProcessChainErrors.InvalidParameters);
            }
        }
        var result = new List<FilterLog>();
        for (var n = Math.Max(0, from); n <= Math.Min(to, latest); n++)
        {
            foreach (var hash in blocks[(int)n].TransactionHashes)
            {
                foreach (var log in transactions[hash].Logs)
                {
                    if (Matches(log, addresses, topics))
                    {
                        result.Add(log);
                    }
                }
            }
        }
        return result;
    }

    private static long Resolve(BlockParameter? parameter, long latest) => parameter?.ParameterType switch
    {
        null or BlockParameter.BlockParameterType.latest or BlockParameter.BlockParameterType.pending
            or BlockParameter.BlockParameterType.safe or BlockParameter.BlockParameterType.finalized => latest,
        BlockParameter.BlockParameterType.earliest => 0,
        BlockParameter.BlockParameterType.blockNumber => (long)parameter.BlockNumber.Value,
        _ => latest,
    };

    private static HashSet<string>? ParseTopic(object? topic) => topic switch
    {
        null => null,
        string s => [Normalize(s)],
        IEnumerable many => new HashSet<string>(many.Cast<object?>().Select(t => Normalize(t?.ToString() ?? throw BadTopic())), StringComparer.Ordinal),
        _ => [Normalize(topic.ToString() ?? throw BadTopic())],
    };

    private static string Normalize(string topic)
    {
        if (topic.Length != 66 || !topic.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            throw BadTopic();
        }
        return topic.ToLowerInvariant();
    }

    private static ArgumentException BadTopic() =>
        new("Each topic must be null, a 0x-prefixed 32-byte hex string, or an array of them.", "filter");

    private static bool Matches(FilterLog log, HashSet<string>? addresses, List<HashSet<string>?> topics)
    {
        if (addresses is not null && !addresses.Contains(Addresses.Normalize(log.Address)))
        {
            return false;
        }
        var logTopics = log.Topics ?? [];
        for (var i = 0; i < topics.Count; i++)
        {
            if (topics[i] is not { } wanted)
            {
                continue;
            }
            if (i >= logTopics.Length || logTopics[i]?.ToString() is not { } actual || !wanted.Contains(actual.ToLowerInvariant()))
            {
                return false;
            }
        }
        return true;
    }
}
