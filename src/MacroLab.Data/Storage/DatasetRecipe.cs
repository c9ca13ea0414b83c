using System.Security.Cryptography;
using System.Text;

namespace MacroLab.Data.Storage;

/// <summary>How a dataset is made: stage, stage version, parameters and inputs; its fingerprint decides whether a re-run can be skipped.</summary>
internal sealed record DatasetRecipe(string Stage, int StageVersion, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<DatasetInput> Inputs)
{
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
