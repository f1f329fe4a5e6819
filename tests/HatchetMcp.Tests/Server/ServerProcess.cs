using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// The built server (or one of its verbs) in a child process with every byte of stdout and stderr captured, for the
/// tests that must see the raw streams: stdout purity, token secrecy, exit codes.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _pumps;

    private ServerProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(PumpStdoutAsync(), PumpStderrAsync());
    }

    /// <summary>Generous guard against a hung child; never a timing assertion.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(90);

    public int Id => _process.Id;

    /// <summary>Everything written to stdout so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything written to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static ServerProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(BuiltServer.DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        return new ServerProcess(process);
    }

    /// <summary>Writes one line to the child's stdin.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The next stdout line, or null once stdout has closed.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(Patience);
        try
        {
            return await _stdoutLines.Reader.ReadAsync(guard.Token).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Asks the child to stop as a terminal or service manager would (SIGTERM).</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        });
        kill?.WaitForExit();
    }

    /// <summary>Waits for the child to exit and for its streams to drain; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(Patience);
        await _process.WaitForExitAsync(guard.Token).ConfigureAwait(false);
        await _pumps.WaitAsync(guard.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        try
        {
            await _pumps.ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The streams closed under a killed child.
        }

        _process.Dispose();
    }

    private async Task PumpStdoutAsync()
    {
        await Task.Yield();
        var reader = _process.StandardOutput;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stdout)
            {
                _stdout.Append(line).Append('\n');
            }

            _stdoutLines.Writer.TryWrite(line);
        }

        _stdoutLines.Writer.TryComplete();
    }

    private async Task PumpStderrAsync()
    {
        await Task.Yield();
        var buffer = new char[4096];
        var reader = _process.StandardError;
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (_stderr)
            {
                _stderr.Append(buffer, 0, read);
            }
        }
    }
}
