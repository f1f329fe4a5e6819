namespace HatchetMcp.Emulator.Hooks;

/// <summary>
/// In-process access to the request log and fault injection; the same state the /_emulator/* HTTP hooks use.
/// Thread-safe: requests are recorded concurrently.
/// </summary>
public sealed class EmulatorTestHooks
{
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<ActiveFault> _faults = [];

    /// <summary>Every request received so far, oldest first, excluding the /_emulator/* hooks themselves.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Applies <paramref name="fault"/> to the next <see cref="FaultSpec.Count"/> matching requests.</summary>
    public void InjectFault(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Count <= 0)
        {
            return;
        }

        lock (_gate)
        {
            _faults.Add(new ActiveFault(fault, fault.Count));
        }
    }

    /// <summary>
    /// Uses left across every injected fault. A fault is used when its request arrives, so a test can wait on this to
    /// know a delayed request has reached the emulator (which logs a request only when it ends).
    /// </summary>
    public int FaultUsesLeft
    {
        get
        {
            lock (_gate)
            {
                return _faults.Sum(f => f.Remaining);
            }
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    internal void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    /// <summary>Takes one use of the first fault matching this request, if any.</summary>
    internal FaultSpec? TakeFault(string method, string path)
    {
        lock (_gate)
        {
            for (int i = 0; i < _faults.Count; i++)
            {
                ActiveFault active = _faults[i];
                if ((active.Spec.Method is null || string.Equals(active.Spec.Method, method, StringComparison.OrdinalIgnoreCase)) &&
                    PathPattern.Matches(active.Spec.PathPattern, path))
                {
                    if (--active.Remaining == 0)
                    {
                        _faults.RemoveAt(i);
                    }

                    return active.Spec;
                }
            }

            return null;
        }
    }

    private sealed class ActiveFault(FaultSpec spec, int remaining)
    {
        public FaultSpec Spec { get; } = spec;
        public int Remaining { get; set; } = remaining;
    }
}
