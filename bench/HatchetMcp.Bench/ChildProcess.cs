using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace HatchetMcp.Bench;

/// <summary>
/// A process the bench starts (the emulator or a serve-http replica): its stdout lines are read as they come, its stderr
/// is drained so the pipe never fills (the last lines are kept for an error message), and it is killed on dispose.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly Queue<string> _stderrTail = new();
    private readonly Task _readers;

    private ChildProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(PumpStdoutAsync(), PumpStderrAsync());
    }

    public int Pid => _process.Id;

    public static ChildProcess Start(ServerCommand server, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(server.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in server.Arguments.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {server.Command}"));
    }

    /// <summary>The next stdout line that starts with <paramref name="prefix"/>, without the prefix.</summary>
    public async Task<string> ReadValueAsync(string prefix, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _stdout.Reader.ReadAsync(cts.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..];
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            string tail;
            lock (_stderrTail)
            {
                tail = string.Join(" | ", _stderrTail);
            }
            throw new InvalidOperationException($"pid {Pid} printed no {prefix} line (stderr: {tail})", e);
        }
    }

    private async Task PumpStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _stdout.Writer.TryWrite(line);
        }
        _stdout.Writer.TryComplete();
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > 5)
                {
                    _stderrTail.Dequeue();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
            await _process.WaitForExitAsync();
            await _readers;
        }
        finally
        {
            _process.Dispose();
        }
    }
}

/// <summary>CPU time of processes and of the whole machine, read from /proc (Linux), in seconds.</summary>
internal static class ProcCpu
{
    // USER_HZ: the unit of /proc's tick counts; 100 on every mainstream Linux build (getconf CLK_TCK).
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds the process has used so far (0 when it is gone).</summary>
    public static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain numbers.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the whole line, 12th and 13th after the name and state.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Busy CPU seconds of the whole machine so far, over all cores (everything but idle and iowait).</summary>
    public static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        return busy / TicksPerSecond;
    }

    public static double MemoryMib(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
