namespace MacroLab.Backtest.Grid;

/// <summary>No trial of a grid met the selection constraints, so there is nothing to report or promote.</summary>
public sealed class NoEligibleTrialException : InvalidOperationException
{
    /// <summary>An exception explaining why no trial was selected.</summary>
    public NoEligibleTrialException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with an inner cause.</summary>
    public NoEligibleTrialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception with the default message.</summary>
    public NoEligibleTrialException()
        : base("No trial met the selection constraints.")
    {
    }
}
