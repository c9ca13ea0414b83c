using System.Net;

namespace MacroLab.Connectors.Fred;

/// <summary>The FRED API refused a request or kept failing after every retry; the message names the series and the request (without the key).</summary>
public sealed class FredApiException : Exception
{
    /// <summary>A refusal or failure of <paramref name="request"/> for <paramref name="seriesId"/>.</summary>
    /// <param name="seriesId">The series asked for.</param>
    /// <param name="request">The request without its key.</param>
    /// <param name="statusCode">The last HTTP status, or null when no response came.</param>
    /// <param name="message">What went wrong, in words.</param>
    /// <param name="innerException">The cause, or null.</param>
    public FredApiException(string seriesId, string request, HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SeriesId = seriesId;
        Request = request;
        StatusCode = statusCode;
    }

    /// <summary>The series asked for.</summary>
    public string SeriesId { get; }

    /// <summary>The request, with the key replaced by <c>REDACTED</c>.</summary>
    public string Request { get; }

    /// <summary>The last HTTP status, or null when no response came.</summary>
    public HttpStatusCode? StatusCode { get; }
}
