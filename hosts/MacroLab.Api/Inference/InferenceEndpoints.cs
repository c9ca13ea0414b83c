using System.Buffers;
using System.Globalization;
using MacroLab.Api.Serving;
using MacroLab.Api.Telemetry;
using MacroLab.Data.Drift;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MacroLab.Api.Inference;

/// <summary>The two scoring endpoints: each request leases one served version and uses it for its answer and its headers.</summary>
internal sealed class InferenceEndpoints(
    ModelRouter router, PredictionLogWriter log, ShadowScorer shadow, IOptions<ServingOptions> options, ApiMetrics metrics)
{
    private readonly ServingOptions _options = options.Value;

    /// <summary><c>POST /v2/models/{name}/infer</c> (Open Inference Protocol).</summary>
    public Task InferAsync(HttpContext context, string name) => ScoreAsync(context, name, infer: true);

    /// <summary><c>POST /v1/predict</c> (feature rows by name).</summary>
    public Task PredictAsync(HttpContext context) => ScoreAsync(context, _options.Model, infer: false);

    private async Task ScoreAsync(HttpContext context, string name, bool infer)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        if (!string.Equals(name, _options.Model, StringComparison.Ordinal))
        {
            await Problems.WriteAsync(context, 404, "Unknown model", $"This server serves '{_options.Model}', not '{name}'.", "name");
            return;
        }

        byte[]? body = null;
        ServedModel? model = null;
        try
        {
            int length;
            (body, length) = await ReadBodyAsync(context, _options.MaxRequestBytes, cancellationToken);
            model = router.AcquirePrimary();
            if (model is null)
            {
                context.Response.Headers.RetryAfter = "5";
                await Problems.WriteAsync(context, 503, "No model loaded", $"No version of '{_options.Model}' is loaded yet (alias '{_options.Alias}'); see /readyz.");
                return;
            }

            ModelHeaders.Set(context.Response, model);
            ScoringRequest request = infer
                ? RequestParser.ParseInfer(body.AsSpan(0, length), model, _options.MaxBatchRows)
                : RequestParser.ParsePredict(body.AsSpan(0, length), model, _options.MaxBatchRows);
            var tilts = new float[request.Rows * model.Scorer.Assets.Count];
            model.Scorer.Score(request.Values, tilts);
            RequireFiniteOutputs(model, tilts, infer);
            string id = request.Id ?? context.TraceIdentifier;
            var response = new ArrayBufferWriter<byte>(256 + (tilts.Length * 16));
            if (infer)
            {
                ResponseWriter.WriteInfer(response, model, id, request.Rows, tilts);
            }
            else
            {
                ResponseWriter.WritePredict(response, model, id, request.Rows, tilts, request.Imputed);
            }

            await ResponseWriter.SendAsync(context.Response, response, cancellationToken);
            metrics.Scored(model, request.Rows);
            log.Append(model, PredictionLog.ServedRole, id, request.Rows, request.Values, tilts);
            shadow.Offer(model, id, request.Rows, request.Values, tilts);
        }
        catch (RequestError error)
        {
            await Problems.WriteAsync(context, error);
        }
        finally
        {
            model?.Release();
            if (body is not null)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
    }

    /// <summary>
    /// Refuses an answer with a NaN or infinite tilt (422): finite inputs far outside what the model was trained on can
    /// overflow the network, and such a tilt is not a decision. The problem names the first row at fault.
    /// </summary>
    private static void RequireFiniteOutputs(ServedModel model, float[] tilts, bool infer)
    {
        int at = FirstNonFinite(tilts);
        if (at < 0)
        {
            return;
        }

        int assets = model.Scorer.Assets.Count, row = at / assets;
        string field = infer ? $"inputs[0].data (row {row})" : $"rows[{row}]";
        throw new RequestError(422, field, string.Create(CultureInfo.InvariantCulture,
            $"the model's tilt for {model.Scorer.Assets[at % assets]} in row {row} is {tilts[at]}, not a finite number: the inputs are too far outside the range {model.Name}:{model.Version} was trained on to give a decision"));
    }

    private static int FirstNonFinite(float[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The whole body in a pooled buffer, refusing bodies over the limit (413) and media types other than JSON (415).</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        HttpRequest request = context.Request;
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.Contains("+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestError(415, "Content-Type", $"'{type}' is not JSON; send application/json");
        }

        if (request.ContentLength > maxBytes)
        {
            throw new RequestError(413, "$", $"the body has {request.ContentLength} bytes; the limit is {maxBytes} (MacroLab:Serving:MaxRequestBytes)");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, maxBytes) + 1);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        throw new RequestError(413, "$", $"the body is larger than the limit of {maxBytes} bytes (MacroLab:Serving:MaxRequestBytes)");
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw new RequestError(413, "$", $"the body is larger than the limit of {maxBytes} bytes (MacroLab:Serving:MaxRequestBytes)");
                }
            }
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new RequestError(413, "$", $"the body is larger than the limit of {maxBytes} bytes (MacroLab:Serving:MaxRequestBytes)");
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new RequestError(400, "$", "the body is empty; send a JSON object");
        }

        return (buffer, length);
    }
}
