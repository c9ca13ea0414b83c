namespace MacroLab.Registry;

/// <summary>What a trial-ledger entry records.</summary>
public enum LedgerEntryKind
{
    /// <summary>A trial evaluated out of sample (a grid's combination, in any run of any configuration).</summary>
    Trial,

    /// <summary>A look at the lockbox: one candidate's result on the held-out final span.</summary>
    LockboxOpening,
}
