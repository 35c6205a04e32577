using System.Diagnostics;
using System.Net.Sockets;
using Azure;
using OrleansKube.Api;

namespace OrleansKube.Silo.Storage;

/// <summary>
/// Retries a storage call through transient failures with exponential back-off, for at most
/// <see cref="AzureTableStorageOptions.MaxRetryTime"/> (plus the last attempt's own duration, at most one
/// <see cref="AzureTableStorageOptions.RequestTimeout"/>). The table client's own retries are off, so this is the
/// only place that decides how long a grain waits for storage.
/// </summary>
internal static partial class TransientRetry
{
    /// <summary>
    /// Runs <paramref name="attempt"/> (given the number of earlier failed attempts) until it succeeds, fails for
    /// good, or the retry time is spent; then throws a <see cref="StorageUnavailableException"/> that starts with
    /// <paramref name="operation"/> and carries the last failure.
    /// </summary>
    public static async Task<T> RunAsync<T>(AzureTableStorageOptions options, ILogger logger, string operation, Func<int, Task<T>> attempt)
    {
        var watch = Stopwatch.StartNew();
        for (var failures = 0; ; failures++)
        {
            try
            {
                return await attempt(failures);
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                var delay = Delay(options, failures);
                if (watch.Elapsed + delay > options.MaxRetryTime)
                {
                    LogGaveUp(logger, exception, operation, failures + 1);
                    throw new StorageUnavailableException(
                        $"{operation} failed after {failures + 1} attempts over {watch.Elapsed.TotalSeconds:0.0} s; " +
                        $"storage unavailable: {Describe(exception)}");
                }

                LogRetry(logger, operation, failures + 1, Describe(exception), delay.TotalMilliseconds);
                await Task.Delay(delay);
            }
            catch (RequestFailedException exception)
            {
                // Refused for good (bad credentials, a request the service will never take): not retried, and told to
                // the caller in words, as the service's own exception type does not reach clients.
                LogGaveUp(logger, exception, operation, failures + 1);
                throw new StorageUnavailableException($"{operation} failed: the storage refused it: {Describe(exception)}");
            }
        }
    }

    /// <summary>5xx, 408 and 429 answers, no answer at all, and timeouts: worth another try. The rest is final.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        // A state that does not decode stays so however often it is read.
        InvalidDataException => false,
        // No caller token reaches the table client, so a cancellation is the request timing out.
        OperationCanceledException or TimeoutException or HttpRequestException or IOException or SocketException => true,
        _ => false,
    };

    private static TimeSpan Delay(AzureTableStorageOptions options, int failures)
    {
        var exponential = options.InitialRetryDelay * Math.Pow(2, Math.Min(failures, 30));
        var capped = exponential < options.MaxRetryDelay ? exponential : options.MaxRetryDelay;
        // Jitter keeps the grains of a silo that all lost storage at once from retrying in lockstep.
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    private static string Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } failed => failed.InnerException?.Message ?? failed.Message,
        RequestFailedException failed => $"HTTP {failed.Status} {failed.ErrorCode}",
        _ => exception.Message,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation}: gave up after attempt {Attempt}")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string operation, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation}: attempt {Attempt} failed ({Failure}); retrying in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, string operation, int attempt, string failure, double delayMs);
}
