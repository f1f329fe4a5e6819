namespace HatchetMcp.Shaping;

/// <summary>A run of consecutive equal items, kept as its first and last occurrence and a count.</summary>
public sealed record RepeatedRun<T>(T First, T Last, int Count);

/// <summary>Collapses consecutive repeats (a retry loop logging the same line 400 times) into one entry with a count.</summary>
public static class RepeatCollapse
{
    public static IReadOnlyList<RepeatedRun<T>> Collapse<T>(IReadOnlyList<T> items, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);

        var runs = new List<RepeatedRun<T>>();
        string? currentKey = null;
        T first = default!;
        T last = default!;
        var count = 0;

        foreach (var item in items)
        {
            var k = key(item);
            if (count > 0 && string.Equals(k, currentKey, StringComparison.Ordinal))
            {
                last = item;
                count++;
                continue;
            }

            if (count > 0)
            {
                runs.Add(new RepeatedRun<T>(first, last, count));
            }

            currentKey = k;
            first = item;
            last = item;
            count = 1;
        }

        if (count > 0)
        {
            runs.Add(new RepeatedRun<T>(first, last, count));
        }

        return runs;
    }
}
