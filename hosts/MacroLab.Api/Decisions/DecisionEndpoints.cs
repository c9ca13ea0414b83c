using System.Globalization;
using MacroLab.Api.Contracts;
using MacroLab.Scoring.Decisions;

namespace MacroLab.Api.Decisions;

/// <summary><c>GET /v1/decisions/latest</c> and <c>GET /v1/decisions/{date}</c>: the served alias's book.</summary>
internal sealed class DecisionEndpoints(DecisionBook book)
{
    /// <summary>The newest decision; 404 when the book is empty.</summary>
    public async Task<IResult> LatestAsync(CancellationToken cancellationToken)
    {
        DecisionLog? log = await book.ReadAsync(cancellationToken);
        return log?.Latest is { } latest
            ? Results.Ok(new DecisionResponse(log.Model, log.Book, log.Decisions.Count, latest))
            : Results.Problem(statusCode: 404, title: "No decision", detail: $"{book.Dataset} holds no decision yet; macrolab decide writes one once the model has a champion.");
    }

    /// <summary>The decision of one date (yyyy-MM-dd); 400 for another text, 404 when the book has none that day.</summary>
    public async Task<IResult> AtAsync(string date, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            return Results.Problem(statusCode: 400, title: "Bad date", detail: $"'{date}' is not a date as yyyy-MM-dd (e.g. 2023-05-31).",
                extensions: new Dictionary<string, object?> { ["field"] = "date" });
        }

        DecisionLog? log = await book.ReadAsync(cancellationToken);
        if (log?.At(day) is { } decision)
        {
            return Results.Ok(new DecisionResponse(log.Model, log.Book, log.Decisions.Count, decision));
        }

        string span = log?.Latest is { } latest
            ? string.Create(CultureInfo.InvariantCulture, $"it holds {log.Decisions.Count} decisions, {log.Decisions[0].Date:yyyy-MM-dd} .. {latest.Date:yyyy-MM-dd}")
            : "it holds none yet";
        return Results.Problem(statusCode: 404, title: "No decision", detail: string.Create(CultureInfo.InvariantCulture, $"{book.Dataset} has no decision at {day:yyyy-MM-dd}; {span}."));
    }
}
