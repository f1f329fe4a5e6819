using HatchetMcp.Hatchet;
using HatchetMcp.Tools;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>list_runs' summary lines over a scripted page: they say they cover the page, and drop no signature silently.</summary>
public sealed class RunListSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    // Five signatures on one page of ten failed runs: 4, 2, 2, 1 and 1 runs.
    private static readonly string[] Errors =
    [
        "KeyError: 'billing_country'", "KeyError: 'billing_country'", "KeyError: 'billing_country'", "KeyError: 'billing_country'",
        "task timed out after 30s", "task timed out after 30s",
        "ValidationError: shipping.postcode: field required", "ValidationError: shipping.postcode: field required",
        "ConnectionError: inventory-db refused the connection",
        "PermissionError: bucket reports-eu is read-only",
    ];

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    [Fact]
    public async Task Top_errors_say_they_cover_this_page_and_count_the_signatures_and_runs_they_leave_out()
    {
        var time = new FakeTimeProvider(Now);
        var tools = new RunTools(new ScriptedPageClient(), new ToolOutputOptions(), time, new WorkflowCatalog(time), HatchetMcp.Shaping.DashboardLinks.None);

        var text = Text(await tools.ListRuns(statuses: ["FAILED"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("This page (10 runs): 10 FAILED.", text, StringComparison.Ordinal);
        Assert.Contains("Top errors on this page (10 runs shown): 4× ⟦KeyError: 'billing_country'⟧", text, StringComparison.Ordinal);
        Assert.Contains("+2 more signatures (2 runs) not listed", text, StringComparison.Ordinal);
    }

    private sealed class ScriptedPageClient : ScriptedHatchetClient
    {
        public override Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(new V1RunList
            {
                Pagination = new PaginationResponse { NumPages = 1 },
                Rows = Errors.Select((error, i) => new V1RunListRow
                {
                    Metadata = new ApiResourceMeta { Id = Guid.NewGuid(), CreatedAt = Now.AddMinutes(-i - 1) },
                    CreatedAt = Now.AddMinutes(-i - 1),
                    StartedAt = Now.AddMinutes(-i - 1).AddSeconds(1),
                    FinishedAt = Now.AddMinutes(-i - 1).AddSeconds(2),
                    Status = V1TaskStatuses.Failed,
                    WorkflowName = "charge-payment",
                    ErrorMessage = error,
                }).ToList(),
            });
    }
}
