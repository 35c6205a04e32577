namespace OrleansKube.Tests.EndToEnd;

/// <summary>Reads something until it is as wanted, failing the test at the deadline with what was seen last.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string?>? show = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not reached within {timeout.TotalSeconds} s; last seen: {(show is null ? value?.ToString() : show(value))}");
            await Task.Delay(250);
        }
    }
}
