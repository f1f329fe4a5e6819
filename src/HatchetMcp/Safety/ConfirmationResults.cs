namespace HatchetMcp.Safety;

/// <summary>The names of the confirmation paths and results, as answers and audit lines spell them.</summary>
public static class ConfirmationResults
{
    public const string ElicitationPath = "elicitation";
    public const string TokenPath = "token";
    public const string SkippedPath = "skipped";
    public const string NonePath = "none";

    public const string Approved = "approved";
    public const string Declined = "declined";
    public const string Cancelled = "cancelled";
    public const string TimedOut = "timed_out";
    public const string Preview = "preview";
    public const string Refused = "refused";
    public const string Skipped = "skipped";
    public const string NotNeeded = "not_needed";
}
