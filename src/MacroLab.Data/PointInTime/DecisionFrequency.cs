namespace MacroLab.Data.PointInTime;

/// <summary>How often decisions are taken: the calendar of Gold's features, asset returns and labels.</summary>
public enum DecisionFrequency
{
    /// <summary>The last calendar day of each month; labels <c>&lt;asset&gt;.fwd&lt;h&gt;m</c>, 12 periods a year.</summary>
    MonthEnd,

    /// <summary>Every Friday; labels <c>&lt;asset&gt;.fwd&lt;h&gt;w</c>, 52 periods a year.</summary>
    WeekEnd,

    /// <summary>Every Monday to Friday (holidays are not removed: a day without prices earns nothing); labels <c>&lt;asset&gt;.fwd&lt;h&gt;d</c>, 261 periods a year.</summary>
    BusinessDay,
}
