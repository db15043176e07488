using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>The retry policy of the Kubo RPC client: exponential backoff with jitter, for idempotent calls only.</summary>
internal static class KuboRetry
{
    internal static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("MediBloc.Kubo.Idempotent");

    internal static ResiliencePipelineBuilder<HttpResponseMessage> AddKuboRetry(this ResiliencePipelineBuilder<HttpResponseMessage> builder, KuboRpcClientOptions options)
    {
        if (options.MaxRetries == 0)
        {
            return builder;
        }

        return builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(IsIdempotent(args.Context) && IsTransient(args.Outcome)),
        });
    }

    internal static ResiliencePipeline<HttpResponseMessage> BuildPipeline(KuboRpcClientOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>().AddKuboRetry(options).Build();

    private static bool IsIdempotent(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(IdempotentKey, out var idempotent) && idempotent;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException;
        }

        return outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
    }
}
