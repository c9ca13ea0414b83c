using MacroLab.Scoring.Decisions;

namespace MacroLab.Api.Contracts;

/// <summary>One decision of the served alias's book.</summary>
/// <param name="Model">The registered model.</param>
/// <param name="Book">The book: the alias the API serves.</param>
/// <param name="Decisions">How many decisions the book holds.</param>
/// <param name="Decision">The decision.</param>
public sealed record DecisionResponse(string Model, string Book, int Decisions, PortfolioDecision Decision);
