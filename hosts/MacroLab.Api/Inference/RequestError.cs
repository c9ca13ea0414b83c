namespace MacroLab.Api.Inference;

/// <summary>A request the API refuses, with the field at fault (RFC 7807 problem details are written from it).</summary>
internal sealed class RequestError(int status, string field, string detail) : Exception(detail)
{
    /// <summary>The HTTP status (400, 404, 413, 415, 422).</summary>
    public int Status { get; } = status;

    /// <summary>Where in the request the problem is, as a JSON path (<c>inputs[0].shape[1]</c>, <c>rows[2].cpi</c>), or <c>$</c> for the body.</summary>
    public string Field { get; } = field;
}
