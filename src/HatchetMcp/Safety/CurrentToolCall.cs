using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Safety;

/// <summary>
/// The tools/call being handled, for the multi-round-trip confirmation: a retried call brings the human's answer and
/// the signed request state on its parameters, which the tools do not pass on (and should not have to). Ambient for
/// the one call only: set by a filter around it, cleared when it returns.
/// </summary>
public static class CurrentToolCall
{
    private static readonly AsyncLocal<CallToolRequestParams?> Current = new();

    /// <summary>The parameters of the call in flight on this flow, or null outside one.</summary>
    public static CallToolRequestParams? Params => Current.Value;

    /// <summary>Keeps each call's parameters where <see cref="WriteConfirmation"/> reads them.</summary>
    public static IMcpServerBuilder KeepToolCallForConfirmation(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
        {
            Current.Value = context.Params;
            try
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Current.Value = null;
            }
        }));
}
