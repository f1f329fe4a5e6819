using System.Text;
using HatchetMcp.Server;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>At end of stdin the server waits for answers to the requests it read, and only for those.</summary>
public sealed class RequestsInFlightTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/list"}""", 1)]
    [InlineData("""{"method":"tools/call","params":{"id":"inner"},"id":"abc","jsonrpc":"2.0"}""", 1)]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", 0)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"result":{}}""", 0)]
    [InlineData("""{"jsonrpc":"2.0","params":{"id":1,"method":"x"}}""", 0)]
    [InlineData("not json", 0)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/list" """, 0)]
    [InlineData("", 0)]
    public void Only_lines_that_are_requests_are_counted(string line, long expected)
    {
        var requests = new RequestsInFlight();

        requests.Read(Encoding.UTF8.GetBytes(line + "\n"));

        Assert.Equal(expected, requests.RequestsRead);
    }

    [Fact]
    public void Lines_split_across_reads_are_counted_once_whole_and_a_last_line_without_newline_counts_at_the_end()
    {
        var input = Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}""" + "\n" +
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n" +
            """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""" + "\n" +
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"whoami"}}""");
        var requests = new RequestsInFlight();

        foreach (var chunk in input.Chunk(7))
        {
            requests.Read(chunk);
        }

        Assert.Equal(2, requests.RequestsRead);
        requests.EndOfInput();
        Assert.Equal(3, requests.RequestsRead);
    }

    [Fact]
    public async Task Waiting_for_answers_gives_up_at_its_limit()
    {
        var requests = new RequestsInFlight();
        requests.Read("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""u8);
        requests.EndOfInput();

        var waited = System.Diagnostics.Stopwatch.StartNew();
        await requests.WhenAllAnsweredAsync(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);

        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, requests.RequestsFinished);
    }
}
