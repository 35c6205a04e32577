using OrleansKube.Kinds.Pods;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube logs</c>: a <see cref="PodLogStream"/> printed as it is, following every <see cref="CliContext.PollInterval"/>.</summary>
internal sealed class PodLogReader(CliContext context, IGrainFactory grains, LogsRequest request)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var stream = new PodLogStream(grains, request, context.PollInterval, context.Clock);
        await stream.RunAsync(async (text, cancel) =>
        {
            await context.Out.WriteAsync(text);
            await context.Out.FlushAsync(cancel);
        }, cancellationToken);
        return ExitCodes.Success;
    }
}
