using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Serverless.Testing;

/// <summary>Calls the admin API with the bootstrap admin key, as an operator would.</summary>
public sealed class AdminClient(Uri apiBaseUrl, string adminKey) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = apiBaseUrl, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", adminKey) } };

    /// <summary>Creates a key from a JSON body and returns its id and its secret.</summary>
    public async Task<(string Id, string Secret)> CreateKeyAsync(string json)
    {
        var (id, secret, _) = await CreateKeyWithWebhookSecretAsync(json);
        return (id, secret);
    }

    /// <summary>Creates a key from a JSON body and returns its id, its secret and the secret that signs its webhooks.</summary>
    public async Task<(string Id, string Secret, string WebhookSecret)> CreateKeyWithWebhookSecretAsync(string json)
    {
        using var response = await http.PostAsync("v1/admin/keys", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating a key failed with {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        return (root.GetProperty("id").GetString()!, root.GetProperty("key").GetString()!, root.GetProperty("webhook_secret").GetString()!);
    }

    /// <summary>Sends any admin request.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => http.Dispose();
}
