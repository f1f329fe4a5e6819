using System.Text;
using System.Text.Json;
using HatchetMcp.Hatchet;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace HatchetMcp.Server;

/// <summary>
/// Writes log lines to stderr (never stdout, which carries the protocol). Every line passes through the token's
/// scrubber first, so the token cannot reach the log even if some library put a header or URL in a message.
/// In <see cref="LogFormat.Json"/> each entry is one JSON object on one line (time, level, category, message, exception).
/// </summary>
public sealed class StderrLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly IReadOnlyList<HatchetToken> _tokens;
    private readonly LogLevel _minimum;
    private readonly LogFormat _format;
    private readonly Lock _gate = new();

    public StderrLoggerProvider(TextWriter writer, LogLevel minimum, HatchetToken? token, LogFormat format = LogFormat.Text)
        : this(writer, minimum, token is null ? [] : [token], format)
    {
    }

    /// <summary>A logger that scrubs every profile's token.</summary>
    public StderrLoggerProvider(TextWriter writer, LogLevel minimum, IEnumerable<HatchetToken> tokens, LogFormat format = LogFormat.Text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tokens);
        _writer = writer;
        _minimum = minimum;
        _tokens = [.. tokens];
        _format = format;
    }

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Flush();
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        string line;
        if (_format == LogFormat.Json)
        {
            line = JsonLine(level, category, Scrub(message), exception is null ? null : Scrub(exception.ToString()));
        }
        else
        {
            line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {Label(level)} {category}: {message}";
            if (exception is not null)
            {
                line += Environment.NewLine + exception;
            }

            line = Scrub(line);
        }

        // One writer shared by concurrent requests: keep each entry whole.
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private string Scrub(string text)
    {
        foreach (var token in _tokens)
        {
            text = token.Scrub(text);
        }

        return text;
    }

    // Written field by field (no serialiser): the entry is flat, and no reflection reaches the AOT build.
    private static string JsonLine(LogLevel level, string category, string message, string? exception)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow);
            json.WriteString("level", level.ToString());
            json.WriteString("category", category);
            json.WriteString("message", message);
            if (exception is not null)
            {
                json.WriteString("exception", exception);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private sealed class StderrLogger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // The SDK logs what a resource or prompt throws as an unhandled error with its stack trace. An McpException
            // is an answer the client already has (a bad id, an unknown run, a refusal from Hatchet): it gets one line,
            // at the level a tool error of the same cause gets: a warning when Hatchet refused, else debug.
            if (exception is McpException answered)
            {
                var level = answered.InnerException is HatchetApiException ? LogLevel.Warning : LogLevel.Debug;
                if (IsEnabled(level))
                {
                    provider.Write(level, category, $"{formatter(state, exception)} {answered.Message}", null);
                }

                return;
            }

            provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
