using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Support;

/// <summary>
/// A thin HTTP client for the emulator. Each request carries its own Authorization header so one client can
/// act as several callers; every answer is kept (<see cref="Observed"/>) for the contract check.
/// </summary>
internal sealed class HatchetApi(HttpClient http, string token)
{
    private readonly List<ApiResponse> observed = [];
    private readonly Lock gate = new();

    public HttpClient Http { get; } = http;

    public string Token { get; } = token;

    public IReadOnlyList<ApiResponse> Observed
    {
        get
        {
            lock (gate)
            {
                return observed.ToArray();
            }
        }
    }

    /// <summary>GET with the default token; pass <see cref="Credential"/> to send another header (or none).</summary>
    public Task<ApiResponse> GetAsync(string path, Credential? auth = null) => SendAsync(HttpMethod.Get, path, null, auth);

    public Task<ApiResponse> PostAsync(string path, JsonNode? body, Credential? auth = null) => SendAsync(HttpMethod.Post, path, body, auth);

    public Task<ApiResponse> DeleteAsync(string path, Credential? auth = null) => SendAsync(HttpMethod.Delete, path, null, auth);

    public Task<ApiResponse> PatchAsync(string path, JsonNode? body, Credential? auth = null) => SendAsync(HttpMethod.Patch, path, body, auth);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body, Credential? auth = null)
    {
        using var request = new HttpRequestMessage(method, path);
        var header = (auth ?? Credential.Bearer(Token)).HeaderValue;
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var answer = new ApiResponse(method.Method, path, (int)response.StatusCode, text, response.Headers, response.Content.Headers.ContentType?.MediaType);
        lock (gate)
        {
            observed.Add(answer);
        }

        return answer;
    }
}

/// <summary>The Authorization header a request carries.</summary>
internal sealed record Credential(string? HeaderValue)
{
    public static Credential None { get; } = new((string?)null);

    public static Credential Bearer(string token) => new("Bearer " + token);

    public static Credential Raw(string headerValue) => new(headerValue);
}
