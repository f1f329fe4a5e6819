using System.Net;
using System.Text;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>Answers are read whole (into pooled buffers) before parsing, whatever their size and framing.</summary>
public sealed class ResponseBufferingTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A runs page of <paramref name="rows"/> rows, each padded so the page is large.</summary>
    private static string Page(int rows)
    {
        var json = new StringBuilder("""{"pagination":{"current_page":1,"next_page":2,"num_pages":9},"rows":[""");
        for (var i = 0; i < rows; i++)
        {
            json.Append(i == 0 ? "" : ",")
                .Append("{\"metadata\":{\"id\":\"").Append(Guid.NewGuid()).Append("\"},\"status\":\"FAILED\",")
                .Append("\"workflowName\":\"wf-").Append(i).Append("\",\"errorMessage\":\"").Append('x', 900).Append("\",")
                .Append("\"input\":{\"pad\":\"").Append('y', 900).Append("\"}}");
        }
        return json.Append("]}").ToString();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_page_of_several_hundred_kilobytes_is_read_whole_with_or_without_a_content_length(bool withLength)
    {
        var page = Page(300);
        var stub = new StubHatchetHandler().ThenRespond(_ =>
        {
            // Without a length the body arrives as a stream of unknown size (chunked), read in growing buffers.
            HttpContent content = withLength
                ? new StringContent(page, Encoding.UTF8, "application/json")
                : new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(page)));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        var list = await client.ListRunsAsync(new RunListQuery { Since = Since }, TestContext.Current.CancellationToken);

        Assert.True(page.Length > 500_000);
        Assert.Equal(300, list.Rows!.Count);
        Assert.Equal("wf-299", list.Rows[^1].WorkflowName);
        Assert.Equal(900, list.Rows[^1].ErrorMessage!.Length);
    }

    [Fact]
    public async Task A_connection_cut_mid_body_is_a_transport_error_so_a_read_is_retried()
    {
        var page = Page(5);
        var stub = new StubHatchetHandler()
            .ThenRespond(_ => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(page), failAfter: 1500)),
            })
            .ThenJson(HttpStatusCode.OK, page);
        var time = FakeClock.Start();
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);

        var list = await FakeClock.Drive(time, client.ListRunsAsync(new RunListQuery { Since = Since }, TestContext.Current.CancellationToken));

        Assert.Equal(5, list.Rows!.Count);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Error_bodies_are_still_read_as_text_after_buffering()
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.BadRequest, """{"errors":[{"description":"since is required"}]}""");
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() =>
            client.ListRunsAsync(new RunListQuery { Since = Since }, TestContext.Current.CancellationToken));

        Assert.Contains("since is required", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A readable stream that does not know its length and hands out at most 1000 bytes per read; with
    /// <paramref name="failAfter"/>, the connection "resets" once that many bytes have been read.
    /// </summary>
    private sealed class UnknownLengthStream(byte[] bytes, int failAfter = int.MaxValue) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");
            }

            var n = Math.Min(Math.Min(count, 1000), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
