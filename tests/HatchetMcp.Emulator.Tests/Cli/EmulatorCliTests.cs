using System.Text;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Cli;

/// <summary>`hatchet-mcp emulator`: exactly two eval-able lines on stdout, then serving until cancelled (issue 2).</summary>
public sealed class EmulatorCliTests
{
    [Fact]
    public async Task It_prints_exactly_the_two_variables_and_the_token_reads_runs_until_cancelled()
    {
        var stdout = new LineWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var running = EmulatorCli.RunAsync(["--port", "0", "--scale", "200"], stdout, stderr, stop.Token);

        var lines = await stdout.TwoLines.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var baseUrl = Value(lines[0], "HATCHET_API_BASE");
        var token = Value(lines[1], "HATCHET_CLIENT_TOKEN");
        var tenant = Guid.Parse(Encoding.UTF8.GetString(Base64Url(token.Split('.')[1])).Split("\"sub\":")[1].Split('"')[1]);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{baseUrl}/api/v1/stable/tenants/{tenant}/workflow-runs?since={Wire.Time(DateTimeOffset.UtcNow.AddDays(-3))}&only_tasks=false");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        await stop.CancelAsync();
        var exit = await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("\"rows\"", body, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", baseUrl, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Equal(2, stdout.Lines.Count);
        Assert.DoesNotContain(token, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_argument_exits_2_with_one_line_on_stderr_and_nothing_on_stdout()
    {
        var stdout = new LineWriter();
        var stderr = new StringWriter();

        var exit = await EmulatorCli.RunAsync(["--port", "not-a-port"], stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Empty(stdout.Lines);
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Value(string line, string name)
    {
        Assert.StartsWith(name + "=", line, StringComparison.Ordinal);
        return line[(name.Length + 1)..];
    }

    private static byte[] Base64Url(string part)
    {
        var s = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    /// <summary>A thread-safe stdout that collects whole lines and signals when two have been written.</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly Lock gate = new();
        private readonly StringBuilder pending = new();
        private readonly List<string> lines = [];

        public TaskCompletionSource<IReadOnlyList<string>> TwoLines { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (gate)
                {
                    return lines.ToArray();
                }
            }
        }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (gate)
            {
                if (value == '\n')
                {
                    lines.Add(pending.ToString().TrimEnd('\r'));
                    pending.Clear();
                    if (lines.Count == 2)
                    {
                        TwoLines.TrySetResult(lines.ToArray());
                    }
                }
                else
                {
                    pending.Append(value);
                }
            }
        }
    }
}
