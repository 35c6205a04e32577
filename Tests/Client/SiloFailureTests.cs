using OrleansKube.Client.Commands;

namespace OrleansKube.Tests.Client;

public sealed class SiloFailureTests
{
    [Theory]
    [InlineData("Exception while sending message: Orleans.Runtime.Messaging.ConnectionFailedException: Unable to connect to S127.0.0.1:41027:154499461, will retry after 176.9ms", "127.0.0.1:41027")]
    [InlineData("Unable to connect to endpoint S127.0.0.1:30000:0. See InnerException", "127.0.0.1:30000")]
    [InlineData("Response did not arrive on time in 00:00:30 for message", null)]
    public void The_silo_that_did_not_answer_is_read_from_Orleans_message(string message, string? silo) =>
        Assert.Equal(silo, CommandRunner.SiloOf(message));
}
