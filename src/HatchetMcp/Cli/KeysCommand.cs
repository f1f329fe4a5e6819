using System.Text.Json;
using HatchetMcp.Profiles;
using HatchetMcp.Server.Http.Auth;

namespace HatchetMcp.Cli;

/// <summary>
/// <c>keys new</c>: makes an API key for serve-http. stdout gets the key (its only showing) and the entry to paste into
/// the profiles file's <c>access.api_keys</c>, which holds the key's hash, never the key.
/// </summary>
internal static class KeysCommand
{
    public const string KeyLinePrefix = "API_KEY=";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr)
    {
        if (arguments.Count == 0 || arguments[0] != "new")
        {
            await stderr.WriteLineAsync("hatchet-mcp: keys takes 'new': hatchet-mcp keys new [--name NAME] [--role read|write] [--profiles a,b]").ConfigureAwait(false);
            return CommandLine.BadUsage;
        }

        var rest = arguments.Skip(1).ToList();
        string? name = null;
        var role = CallerRights.ReadRole;
        List<string>? profiles = null;
        for (var i = 0; i < rest.Count; i++)
        {
            var value = i + 1 < rest.Count ? rest[i + 1] : null;
            switch (rest[i])
            {
                case "--name" when value is not null:
                    name = value;
                    i++;
                    break;
                case "--role" when value is CallerRights.ReadRole or CallerRights.WriteRole:
                    role = value;
                    i++;
                    break;
                case "--profiles" when value is not null:
                    profiles = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    i++;
                    break;
                default:
                    await stderr.WriteLineAsync($"hatchet-mcp: keys new takes --name NAME (1 to 64 letters, digits, '.', '_', '@', '-'), --role read|write (default read), --profiles a,b (default all); got '{rest[i]}'.").ConfigureAwait(false);
                    return CommandLine.BadUsage;
            }
        }

        var key = ApiKeys.New();
        var hash = ApiKeys.Hash(key);
        var entry = new ApiKeyFileEntry { Name = name ?? "key-" + hash[..8], Sha256 = hash, Role = role, Profiles = profiles };
        // The same checks the server applies when it reads the file (profile names are checked there, against the file).
        if (AccessConfiguration.From(new AccessFileSection { ApiKeys = [entry with { Profiles = null }] }, null, out var error) is null)
        {
            await stderr.WriteLineAsync($"hatchet-mcp: {error}").ConfigureAwait(false);
            return CommandLine.BadUsage;
        }

        await stdout.WriteLineAsync(KeyLinePrefix + key).ConfigureAwait(false);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(entry, ProfileJsonContext.Default.ApiKeyFileEntry)).ConfigureAwait(false);
        await stderr.WriteLineAsync(
            "The key above is shown once: give it to the caller, who sends it as 'Authorization: Bearer <key>'. " +
            $"Add the JSON line to \"access\": {{\"api_keys\": [...]}} in the {ServerProfiles.EnvironmentVariable} file; it holds only the key's SHA-256.").ConfigureAwait(false);
        return CommandLine.Success;
    }
}
