using Polly;
using Polly.Retry;

namespace MediBloc.Sdk.Contracts;

public partial class ChainConnection
{
    private ResiliencePipeline? _readRetry;

    /// <summary>
    /// Runs a read (a view call, a log query, the block number): like <see cref="RpcAsync{T}"/>, and retried with
    /// exponential backoff and jitter while the node is unavailable, up to <see cref="ChainConnectionOptions.MaxReadRetries"/>
    /// times, as the IPFS client retries its idempotent calls. Writes are never retried here: the outbox resumes them.
    /// </summary>
    internal Task<T> ReadAsync<T>(Func<Task<T>> call, string operation, IReadOnlyList<ContractError>? errors, CancellationToken cancellationToken) =>
        ReadRetry.ExecuteAsync(
            static async (state, token) => await state.Connection.RpcAsync(state.Call, state.Operation, state.Errors, token).ConfigureAwait(false),
            (Connection: this, Call: call, Operation: operation, Errors: errors),
            cancellationToken).AsTask();

    private ResiliencePipeline ReadRetry => _readRetry ??= BuildReadRetry(_options);

    private static ResiliencePipeline BuildReadRetry(ChainConnectionOptions options)
    {
        if (options.MaxReadRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxReadRetries,
                Delay = options.ReadRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<ChainException>(e => e.Code == MediBlocErrorCode.NodeUnavailable),
            })
            .Build();
    }
}
