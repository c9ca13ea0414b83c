namespace MacroLab.Data.Storage;

/// <summary>A column of a tabular dataset.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The logical type: <c>date</c> (days, no time zone), <c>double</c>, <c>int32</c>, <c>string</c> or <c>bool</c>; a trailing <c>?</c> marks a nullable column.</param>
public sealed record ColumnSchema(string Name, string Type);
