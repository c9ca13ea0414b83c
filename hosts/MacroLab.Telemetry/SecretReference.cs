using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace MacroLab.Telemetry;

/// <summary>
/// Reads a secret of AWS Secrets Manager through Parameter Store's <c>/aws/reference/secretsmanager/&lt;id&gt;</c> reference
/// (one SDK for parameters and secrets; the role needs <c>ssm:GetParameter</c> on the reference and
/// <c>secretsmanager:GetSecretValue</c> on the secret). The value is returned, never logged.
/// </summary>
public static class SecretReference
{
    /// <summary>
    /// The secret's current value: its text, or, when it is a JSON object, the string of its property <paramref name="property"/>
    /// (a secret may hold several keys).
    /// </summary>
    /// <param name="secretId">The secret's name or ARN.</param>
    /// <param name="property">The property of a JSON secret to read.</param>
    /// <param name="serviceUrl">The endpoint of Systems Manager, e.g. an emulator's; null for AWS.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">The secret does not exist, is empty, or lacks the property; the message names the secret, not its value.</exception>
    public static async Task<string> GetAsync(string secretId, string property, string? serviceUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretId);
        ArgumentException.ThrowIfNullOrWhiteSpace(property);
        var config = new AmazonSimpleSystemsManagementConfig();
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        }

        using var client = new AmazonSimpleSystemsManagementClient(config);
        string value;
        try
        {
            GetParameterResponse response = await client.GetParameterAsync(
                new GetParameterRequest { Name = $"/aws/reference/secretsmanager/{secretId}", WithDecryption = true }, cancellationToken).ConfigureAwait(false);
            value = response.Parameter?.Value ?? string.Empty;
        }
        catch (ParameterNotFoundException)
        {
            throw new InvalidOperationException($"The secret '{secretId}' does not exist (or the role may not read it).");
        }

        value = value.Trim();
        if (value.StartsWith('{'))
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(value);
                value = document.RootElement.TryGetProperty(property, out JsonElement field) && field.ValueKind == JsonValueKind.String
                    ? field.GetString()!.Trim()
                    : throw new InvalidOperationException($"The secret '{secretId}' is a JSON object without the string property '{property}'.");
            }
            catch (JsonException)
            {
                throw new InvalidOperationException($"The secret '{secretId}' starts like a JSON object but is not one.");
            }
        }

        return value.Length > 0 ? value : throw new InvalidOperationException($"The secret '{secretId}' is empty.");
    }
}
