namespace HatchetMcp.Safety;

/// <summary>Where audit lines are appended besides stderr.</summary>
public sealed record AuditLogOptions
{
    public const string EnvironmentVariable = "HATCHET_MCP_AUDIT_LOG";

    /// <summary>The file appended to; null: stderr only.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// Reads <c>HATCHET_MCP_AUDIT_LOG</c> and opens the file once, so a path that cannot be written stops the server at
    /// start rather than losing the first write's line.
    /// </summary>
    public static AuditLogOptions FromEnvironment(IReadOnlyDictionary<string, string?> environment, out string? error)
    {
        error = null;
        var value = environment.TryGetValue(EnvironmentVariable, out var v) ? v?.Trim() : null;
        if (string.IsNullOrEmpty(value))
        {
            return new AuditLogOptions();
        }

        try
        {
            var full = System.IO.Path.GetFullPath(value);
            using (OpenForAppend(full))
            {
            }

            return new AuditLogOptions { Path = full };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"{EnvironmentVariable} names a file that cannot be appended to ({e.Message.TrimEnd('.')}); give a writable file path, or unset it.";
            return new AuditLogOptions();
        }
    }

    /// <summary>
    /// Opens for append, creating the file readable and writable by its owner only (0600). Windows has no Unix mode:
    /// there the file takes its folder's permissions.
    /// </summary>
    internal static FileStream OpenForAppend(string path)
    {
        var open = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            open.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, open);
    }
}
