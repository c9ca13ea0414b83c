using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MacroLab.TestSupport;

/// <summary>
/// Calls of AWS JSON-protocol APIs on moto whose SDK client this project does not reference (Step Functions, EventBridge,
/// Secrets Manager), signed with placeholder credentials (moto does not check signatures).
/// </summary>
public static class MotoJsonApi
{
    /// <summary>One call: <c>X-Amz-Target: &lt;targetPrefix&gt;.&lt;action&gt;</c> with <paramref name="body"/>; a non-2xx answer throws with moto's text.</summary>
    public static async Task<JsonObject> CallAsync(HttpClient http, string targetPrefix, string service, string jsonVersion, string action, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Amz-Target", $"{targetPrefix}.{action}");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-target, Signature=0");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{jsonVersion}");
        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"{service} {action} on moto: {(int)response.StatusCode} {text}");
    }

    /// <summary>Creates a Secrets Manager secret holding <paramref name="value"/>.</summary>
    public static async Task CreateSecretAsync(string endpoint, string name, string value)
    {
        using var http = new HttpClient { BaseAddress = new Uri(endpoint) };
        await CallAsync(http, "secretsmanager", "secretsmanager", "1.1", "CreateSecret", new JsonObject { ["Name"] = name, ["SecretString"] = value });
    }
}
