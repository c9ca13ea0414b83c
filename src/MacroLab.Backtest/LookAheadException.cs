namespace MacroLab.Backtest;

/// <summary>A model asked for data that was not known at its decision date: the backtest stops instead of rewarding it.</summary>
public sealed class LookAheadException : InvalidOperationException
{
    /// <summary>A look-ahead described by <paramref name="message"/>.</summary>
    public LookAheadException(string message)
        : base(message)
    {
    }

    /// <summary>A look-ahead described by <paramref name="message"/>, found while doing something described by <paramref name="innerException"/>.</summary>
    public LookAheadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An empty look-ahead exception.</summary>
    public LookAheadException()
    {
    }
}
