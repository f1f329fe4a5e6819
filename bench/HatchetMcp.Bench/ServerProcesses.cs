using System.Globalization;

namespace HatchetMcp.Bench;

/// <summary>Linux /proc reads: which process in a tree is the server, and its peak resident set (VmHWM).</summary>
internal static class ServerProcesses
{
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return [.. children, .. children.SelectMany(Descendants)];
    }

    /// <summary>The process of the tree rooted at <paramref name="root"/> that runs the server: the deepest one whose
    /// executable or command line names it (dnx starts the server as its child).</summary>
    public static int? FindServer(int root, string marker)
    {
        var found = new[] { root }.Concat(Descendants(root)).Where(pid => CommandLine(pid).Contains(marker, StringComparison.Ordinal)).ToList();
        return found.Count == 0 ? null : found[^1];
    }

    public static string Executable(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget ?? "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Peak resident set size in MiB (VmHWM), or null when the process is gone.</summary>
    public static double? PeakRssMib(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Peak RSS of the server this process started (a stdio session's child).</summary>
    public static double? PeakRssOfChild(ServerCommand server)
    {
        var marker = server.Arguments.Count > 0 ? server.Arguments[^1] : server.Command;
        var pid = FindServer(Environment.ProcessId, marker);
        return pid is null ? null : PeakRssMib(pid.Value);
    }
}
