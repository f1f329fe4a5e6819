using HatchetMcp.Tests.ToolTests;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// hatchet://runs/{id}, hatchet://workflows/{name} and hatchet://workers: listed where the protocol says, read as the
/// very text of the tool each mirrors, and refused with an error that names the URI's parameter and its form.
/// </summary>
public sealed class ResourceTests(FrozenTenantFixture fixture) : IClassFixture<FrozenTenantFixture>
{
    private const string UnknownId = "6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Workers_is_a_listed_resource_and_runs_and_workflows_are_templates()
    {
        var resources = await fixture.Client.ListResourcesAsync(cancellationToken: Ct);
        var templates = await fixture.Client.ListResourceTemplatesAsync(cancellationToken: Ct);

        var workers = Assert.Single(resources).ProtocolResource;
        Assert.Equal("hatchet://workers", workers.Uri);
        Assert.Equal("text/plain", workers.MimeType);
        Assert.Equal(
            ["hatchet://runs/{id}", "hatchet://workflows/{name}"],
            templates.Select(t => t.ProtocolResourceTemplate.UriTemplate).Order(StringComparer.Ordinal));
        Assert.All(templates, t => Assert.Equal("text/plain", t.ProtocolResourceTemplate.MimeType));
    }

    [Fact]
    public async Task The_server_advertises_resources_and_prompts()
    {
        var capabilities = fixture.Client.ServerCapabilities;

        Assert.NotNull(capabilities.Resources);
        Assert.NotNull(capabilities.Prompts);
    }

    [Fact]
    public async Task A_run_resource_is_the_text_get_run_gives_for_a_run_and_for_a_task()
    {
        foreach (var id in new[] { fixture.Facts.SampleDagRunId, fixture.Facts.SampleDagChildTaskId, fixture.Facts.StuckRunId })
        {
            var tool = await fixture.Harness.Client.CallToolAsync("get_run", new Dictionary<string, object?> { ["run_id"] = id.ToString() }, cancellationToken: Ct);
            var resource = await fixture.Client.ReadResourceAsync($"hatchet://runs/{id}", cancellationToken: Ct);

            var contents = Assert.IsType<TextResourceContents>(Assert.Single(resource.Contents));
            Assert.Equal($"hatchet://runs/{id}", contents.Uri);
            Assert.Equal("text/plain", contents.MimeType);
            Assert.Equal(new ToolAnswer(tool).Text, contents.Text);
            Assert.Contains(id.ToString(), contents.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_workflow_resource_is_the_text_get_workflow_gives_by_name_and_by_escaped_name()
    {
        var name = fixture.Facts.FailingWorkflowName;
        var tool = await fixture.Client.CallToolAsync("get_workflow", new Dictionary<string, object?> { ["workflow"] = name }, cancellationToken: Ct);

        var resource = await fixture.Client.ReadResourceAsync($"hatchet://workflows/{Uri.EscapeDataString(name)}", cancellationToken: Ct);

        var text = Assert.IsType<TextResourceContents>(Assert.Single(resource.Contents)).Text;
        Assert.Equal(new ToolAnswer(tool).Text, text);
        Assert.Contains(name, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workers_resource_is_the_text_list_workers_gives()
    {
        var tool = await fixture.Client.CallToolAsync("list_workers", cancellationToken: Ct);

        var resource = await fixture.Client.ReadResourceAsync("hatchet://workers", cancellationToken: Ct);

        var text = Assert.IsType<TextResourceContents>(Assert.Single(resource.Contents)).Text;
        Assert.Equal(new ToolAnswer(tool).Text, text);
        Assert.Contains(fixture.Facts.PausedWorkerId.ToString(), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hatchet://runs/not-a-uuid", "id must be a UUID")]
    [InlineData("hatchet://runs/..%2Ftenants", "id must be a UUID")]
    [InlineData("hatchet://workflows/no-such-workflow", "no workflow named 'no-such-workflow'")]
    [InlineData("hatchet://workflows/%20", "name is required")]
    public async Task A_bad_id_or_name_is_an_invalid_params_error_naming_the_parameter_and_its_form(string uri, string expected)
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => fixture.Client.ReadResourceAsync(uri, cancellationToken: Ct).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("hatchet://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_hatchet_does_not_know_is_resource_not_found_as_the_negotiated_protocol_spells_it()
    {
        // -32002 up to 2025-11-25; from 2026-07-28 the protocol reports an unresolvable URI as invalid params.
        var expected = string.CompareOrdinal(fixture.Client.NegotiatedProtocolVersion, "2026-07-28") >= 0
            ? McpErrorCode.InvalidParams
            : McpErrorCode.ResourceNotFound;

        var error = await Assert.ThrowsAsync<McpProtocolException>(
            () => fixture.Client.ReadResourceAsync($"hatchet://runs/{UnknownId}", cancellationToken: Ct).AsTask());

        Assert.Equal(expected, error.ErrorCode);
        Assert.Contains(UnknownId, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hatchet://runs")]
    [InlineData("hatchet://runs/a/b")]
    [InlineData("hatchet://queues")]
    public async Task A_uri_no_resource_matches_is_refused_with_the_list_of_resources(string uri)
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => fixture.Client.ReadResourceAsync(uri, cancellationToken: Ct).AsTask());

        Assert.Contains("hatchet://runs/{id}", error.Message, StringComparison.Ordinal);
        Assert.Contains("hatchet://workflows/{name}", error.Message, StringComparison.Ordinal);
        Assert.Contains("hatchet://workers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_never_appears_in_a_resource_error_that_echoes_the_uri()
    {
        var secret = fixture.Harness.Token.Split('.')[^1];

        var byName = await Assert.ThrowsAsync<McpProtocolException>(
            () => fixture.Client.ReadResourceAsync($"hatchet://workflows/{secret}", cancellationToken: Ct).AsTask());
        var byUri = await Assert.ThrowsAsync<McpProtocolException>(
            () => fixture.Client.ReadResourceAsync($"hatchet://{secret}", cancellationToken: Ct).AsTask());

        foreach (var message in new[] { byName.Message, byUri.Message })
        {
            Assert.Contains("[redacted]", message, StringComparison.Ordinal);
            Assert.False(fixture.Scrubber.Finds(message), message);
        }
    }
}
