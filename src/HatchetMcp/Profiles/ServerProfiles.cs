using System.Text.Json;
using System.Text.RegularExpressions;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;

namespace HatchetMcp.Profiles;

/// <summary>
/// The Hatchet connections this server acts on: the environment's one (named <c>default</c>), or those of the profiles
/// file named by <c>HATCHET_MCP_CONFIG</c>. Errors and warnings name a profile and a field, never a token.
/// </summary>
public sealed partial class ServerProfiles
{
    public const string EnvironmentVariable = "HATCHET_MCP_CONFIG";
    public const string EnvironmentProfileName = "default";

    private ServerProfiles(IReadOnlyList<HatchetProfile> all, HatchetProfile defaultProfile)
    {
        All = all;
        Default = defaultProfile;
    }

    /// <summary>Every profile, in the file's order.</summary>
    public IReadOnlyList<HatchetProfile> All { get; }

    /// <summary>The profile a call that names none acts on.</summary>
    public HatchetProfile Default { get; }

    /// <summary>The file's <c>access</c> section (who may call serve-http); null when absent or without a file.</summary>
    public AccessFileSection? Access { get; private init; }

    /// <summary>More than one: tools take a <c>profile</c> argument.</summary>
    public bool AreSeveral => All.Count > 1;

    public IEnumerable<string> Names => All.Select(profile => profile.Name);

    public HatchetProfile? Find(string name) => All.FirstOrDefault(profile => string.Equals(profile.Name, name, StringComparison.Ordinal));

    /// <summary>One profile: the environment's connection.</summary>
    public static ServerProfiles Single(HatchetSettings settings, DashboardLinks? dashboard = null, bool readOnly = false)
    {
        var profile = new HatchetProfile { Name = EnvironmentProfileName, Settings = settings, Dashboard = dashboard, ReadOnly = readOnly };
        return new ServerProfiles([profile], profile);
    }

    /// <summary>
    /// Reads the profiles file. <paramref name="environment"/> gives the server's variables and each profile's token
    /// variable (a name missing from it is read from the process). Null with one error line when unusable.
    /// </summary>
    public static ServerProfiles? ReadFile(string path, IReadOnlyDictionary<string, string?> environment, TimeProvider time,
        out string? error, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(environment);
        warning = null;
        ProfileFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), ProfileJsonContext.Default.ProfileFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"{EnvironmentVariable} names {path}, which cannot be read ({e.GetType().Name}): point it at a readable JSON file.";
            return null;
        }
        catch (JsonException e)
        {
            // The reader's message names the path in the document (e.g. $.profiles[0].token) and never echoes values.
            error = $"{EnvironmentVariable} file {path} is not a usable profiles file: {FirstSentence(e.Message)} (at {e.Path ?? "$"}); " +
                    "expected {\"profiles\": [{\"name\": ..., \"token_env\" or \"token_file\": ..., optional \"api_base\", \"tenant_id\", \"dashboard_url\", \"read_only\"}], optional \"default\", optional \"access\": {\"api_keys\": [...], \"oauth\": {...}}}.";
            return null;
        }

        if (file?.Profiles is not { Count: > 0 } entries)
        {
            error = $"{EnvironmentVariable} file {path} lists no profiles: give \"profiles\": [{{\"name\": \"prod\", \"token_env\": \"PROD_HATCHET_TOKEN\"}}, ...].";
            return null;
        }

        var profiles = new List<HatchetProfile>();
        var warnings = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var profile = ReadEntry(entries[i], i, environment, time, warnings, out error);
            if (profile is null)
            {
                return null;
            }

            if (profiles.Any(p => p.Name == profile.Name))
            {
                error = $"{EnvironmentVariable}: profile name '{profile.Name}' is given twice; give each profile its own name.";
                return null;
            }

            profiles.Add(profile);
        }

        var chosen = profiles[0];
        if (file.Default is { } wanted)
        {
            chosen = profiles.FirstOrDefault(p => p.Name == wanted)!;
            if (chosen is null)
            {
                error = $"{EnvironmentVariable}: default '{Echo(wanted)}' is not a profile; the profiles are {string.Join(", ", profiles.Select(p => p.Name))}.";
                return null;
            }
        }

        error = null;
        warning = warnings.Count == 0 ? null : string.Join(' ', warnings);
        return new ServerProfiles(profiles, chosen) { Access = file.Access };
    }

    private static HatchetProfile? ReadEntry(ProfileFileEntry entry, int index, IReadOnlyDictionary<string, string?> environment, TimeProvider time,
        List<string> warnings, out string? error)
    {
        if (entry.Name is not { } name || !ProfileName().IsMatch(name))
        {
            error = $"{EnvironmentVariable}: profiles[{index}] needs a name of 1 to 32 lowercase letters, digits, '-' or '_' (e.g. \"prod\").";
            return null;
        }

        var where = $"{EnvironmentVariable}: profile '{name}'";
        if ((entry.TokenEnv is null) == (entry.TokenFile is null))
        {
            error = $"{where} needs exactly one token source: \"token_env\" (a variable holding the token) or \"token_file\" (a file holding it).";
            return null;
        }

        string? token;
        if (entry.TokenEnv is { } variable)
        {
            token = environment.TryGetValue(variable, out var value) ? value : Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(token))
            {
                error = $"{where}: token_env {Echo(variable)} is not set; set it to the profile's Hatchet API token.";
                return null;
            }
        }
        else
        {
            token = ReadTokenFile(entry.TokenFile!, where, warnings, out error);
            if (token is null)
            {
                return null;
            }
        }

        var settingsEnvironment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [HatchetEnvironmentVariables.Token] = token.Trim(),
            [HatchetEnvironmentVariables.ApiBase] = entry.ApiBase,
            [HatchetEnvironmentVariables.TenantId] = entry.TenantId,
            [HatchetEnvironmentVariables.TimeoutSeconds] = environment.GetValueOrDefault(HatchetEnvironmentVariables.TimeoutSeconds),
        };
        var settings = HatchetSettings.FromEnvironment(settingsEnvironment, time);
        if (settings.Settings is null)
        {
            // The reader's messages name variables; here they are the profile's fields.
            error = $"{where}: {Fields(settings.Error ?? "the Hatchet settings are unusable.")}";
            return null;
        }

        if (settings.Warning is { } settingsWarning)
        {
            warnings.Add($"profile '{name}': {Fields(settingsWarning)}");
        }

        var dashboard = DashboardLinks.FromEnvironment(
            new Dictionary<string, string?>(StringComparer.Ordinal) { [DashboardLinks.EnvironmentVariable] = entry.DashboardUrl },
            settings.Settings, out var dashboardError);
        if (dashboardError is not null)
        {
            error = $"{where}: {dashboardError.Replace(DashboardLinks.EnvironmentVariable, "dashboard_url", StringComparison.Ordinal)}";
            return null;
        }

        error = null;
        return new HatchetProfile { Name = name, Settings = settings.Settings, Dashboard = dashboard, ReadOnly = entry.ReadOnly };
    }

    private static string? ReadTokenFile(string path, string where, List<string> warnings, out string? error)
    {
        try
        {
            var token = File.ReadAllText(path);
            if (string.IsNullOrWhiteSpace(token))
            {
                error = $"{where}: token_file {path} is empty; put the profile's Hatchet API token in it.";
                return null;
            }

            // A token readable by others is a token shared with them.
            if (!OperatingSystem.IsWindows() &&
                (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                warnings.Add($"{where}: token_file {path} is readable or writable by others than its owner; chmod 600 it.");
            }

            error = null;
            return token;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = $"{where}: token_file {path} cannot be read ({(e is FileNotFoundException or DirectoryNotFoundException ? "not found" : e.GetType().Name)}); point it at a file holding the token.";
            return null;
        }
    }

    private static string Fields(string message) => message
        .Replace(HatchetEnvironmentVariables.Token, "the token", StringComparison.Ordinal)
        .Replace(HatchetEnvironmentVariables.ApiBase, "api_base", StringComparison.Ordinal)
        .Replace(HatchetEnvironmentVariables.TenantId, "tenant_id", StringComparison.Ordinal);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    private static string Echo(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex ProfileName();
}
