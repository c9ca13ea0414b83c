using System.Security.Cryptography;
using System.Text;

namespace MacroLab.Data.Storage;

/// <summary>How a dataset is made: stage, stage version, parameters and inputs; its fingerprint decides whether a re-run can be skipped.</summary>
/// <param name="Stage">The stage that writes the dataset (manifest field <c>stage</c>).</param>
/// <param name="StageVersion">The version of the stage's computation; bump it when outputs change for the same inputs.</param>
/// <param name="Parameters">Every parameter that affects the content.</param>
/// <param name="Inputs">The datasets read, with their content digests.</param>
public sealed record DatasetRecipe(string Stage, int StageVersion, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<DatasetInput> Inputs)
{
    /// <summary>SHA-256 (hex) over the stage, its version, the producer version, the sorted parameters and the sorted inputs.</summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder();
            text.Append("stage=").Append(Stage).Append('\n');
            text.Append("version=").Append(StageVersion).Append('\n');
            text.Append("producer=").Append(Producer.Version).Append('\n');
            foreach ((string name, string value) in Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append("param:").Append(name).Append('=').Append(value).Append('\n');
            }

            foreach (DatasetInput input in Inputs.OrderBy(i => i.Dataset, StringComparer.Ordinal))
            {
                text.Append("input:").Append(input.Dataset).Append('=').Append(input.ContentSha256).Append('\n');
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}
