using System.Globalization;
using HatchetMcp.Emulator.Scenarios;

namespace HatchetMcp.Emulator;

/// <summary>
/// `hatchet-mcp emulator [--port N] [--scenario NAME] [--seed N] [--scale N] [--test-hooks]`: serves until cancelled
/// after printing exactly two lines to stdout, HATCHET_API_BASE=&lt;url&gt; and HATCHET_CLIENT_TOKEN=&lt;jwt&gt;, so a shell
/// can eval them. Everything else goes to stderr.
/// </summary>
public static class EmulatorCli
{
    public const string Usage = "usage: hatchet-mcp emulator [--port N] [--scenario realistic|empty] [--seed N] [--scale N] [--test-hooks]";

    /// <summary>The text of <c>hatchet-mcp emulator --help</c>.</summary>
    public static string Help { get; } =
        $"""
        hatchet-mcp emulator: serve a local emulator of Hatchet's REST API, for trying an agent without a Hatchet account.

        Usage:
          hatchet-mcp emulator [--port N] [--scenario realistic|empty] [--seed N] [--scale N] [--test-hooks]

        Prints exactly two lines on stdout, HATCHET_API_BASE=<url> and HATCHET_CLIENT_TOKEN=<jwt>, then serves on
        127.0.0.1 until stopped (Ctrl+C or SIGTERM). stdout stays open while it serves: read the two lines, do not wait
        for the output to end. Logs go to stderr.

        Options:
          --port N          port on 127.0.0.1 (default 0: any free port)
          --scenario NAME   {ScenarioSeeder.Realistic} (default): an online shop with 48 hours of history (twelve workflows, seven
                            workers, a workflow failing since a deploy, a stuck run, a saturated, a paused and an
                            inactive worker, a nearly exhausted and an exhausted rate limit, runs held by each of
                            these, by a missing worker and by a concurrency limit) beside a second tenant
                            {ScenarioSeeder.Empty}: the same tenants, workflows, workers (one paused, one inactive) and rate
                            limits, with no runs, crons, schedules or events; runs you trigger are picked up and run
          --seed N          seed of the scenario's data (default 1); the same seed gives the same data
          --scale N         runs seeded in the shop tenant (default {ScenarioSeeder.DefaultScale}; never fewer than the story needs)
          --test-hooks      add /_emulator/* routes for tests (request log, fault injection, facts), without auth
          --help, -h        this text

        Exit codes: 0 stopped cleanly, 1 cannot listen, 2 bad arguments.
        """;

    /// <summary>Returns 0 after a clean stop or after printing the help, 2 with a one-line message on stderr for bad arguments.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Any(arg => arg is "--help" or "-h"))
        {
            await stdout.WriteLineAsync(Help).ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }

        if (!TryParse(args, out EmulatorOptions? options, out string? error))
        {
            await stderr.WriteLineAsync($"hatchet-mcp emulator: {error} ({Usage})").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return 2;
        }

        HatchetEmulator emulator;
        try
        {
            emulator = await HatchetEmulator.StartAsync(options, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"hatchet-mcp emulator: cannot listen on 127.0.0.1:{options.Port}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (emulator.ConfigureAwait(false))
        {
            await stdout.WriteLineAsync($"HATCHET_API_BASE={emulator.BaseUrl.GetLeftPart(UriPartial.Authority)}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"HATCHET_CLIENT_TOKEN={emulator.Token}").ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await stderr.WriteLineAsync(
                $"hatchet-mcp emulator: scenario '{options.Scenario}' (seed {options.Seed}), tenant {emulator.TenantId}, serving until stopped").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return 0;
    }

    private static bool TryParse(string[] args, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EmulatorOptions? options, out string? error)
    {
        options = null;
        error = null;
        int port = 0, seed = 1;
        int? scale = null;
        string scenario = ScenarioSeeder.Realistic;
        bool hooks = false;

        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inline = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            switch (arg)
            {
                case "--test-hooks":
                    if (inline is not null)
                    {
                        error = "--test-hooks takes no value";
                        return false;
                    }

                    hooks = true;
                    continue;
                case "--port":
                case "--seed":
                case "--scale":
                case "--scenario":
                    break;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return false;
            }

            string? value = inline;
            if (value is null)
            {
                if (i + 1 >= args.Length)
                {
                    error = $"{arg} needs a value";
                    return false;
                }

                value = args[++i];
            }

            switch (arg)
            {
                case "--scenario":
                    if (!ScenarioSeeder.Names.Contains(value, StringComparer.Ordinal))
                    {
                        error = $"unknown scenario '{value}' (known: {string.Join(", ", ScenarioSeeder.Names)})";
                        return false;
                    }

                    scenario = value;
                    break;
                case "--port":
                    if (!TryInt(value, 0, 65535, out port))
                    {
                        error = $"--port must be an integer from 0 to 65535, got '{value}'";
                        return false;
                    }

                    break;
                case "--seed":
                    if (!TryInt(value, int.MinValue, int.MaxValue, out seed))
                    {
                        error = $"--seed must be an integer, got '{value}'";
                        return false;
                    }

                    break;
                default:
                    if (!TryInt(value, 0, 10_000_000, out int s))
                    {
                        error = $"--scale must be an integer from 0 to 10000000, got '{value}'";
                        return false;
                    }

                    scale = s;
                    break;
            }
        }

        options = new EmulatorOptions { Port = port, Scenario = scenario, Seed = seed, Scale = scale, EnableTestHooks = hooks };
        return true;
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
