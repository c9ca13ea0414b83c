using System.Text.Json.Nodes;

namespace MacroLab.Hosting.Cloud;

/// <summary>
/// Structural checks of an Amazon States Language definition that cfn-lint's schema check does not make: the start state
/// and every <c>Next</c>, <c>Default</c>, choice and <c>Catch</c> target exist; every state is reachable from the start;
/// every state ends in exactly one way (<c>Next</c> or <c>End</c>, a Choice through its rules, Succeed and Fail by type);
/// a terminal is reachable; <c>States.ALL</c> comes last in its Retry or Catch list. Nested Parallel branches and Map
/// iterators are checked the same way.
/// </summary>
public static class AslGraph
{
    private static readonly HashSet<string> Types = ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"];

    /// <summary>The problems found, each naming the state and the field; empty when the definition is sound.</summary>
    /// <param name="definition">The definition (the object holding <c>StartAt</c> and <c>States</c>).</param>
    public static IReadOnlyList<string> Check(JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        CheckMachine(definition, "$", problems);
        return problems;
    }

    /// <summary>Every state's successors (<c>Next</c>, <c>Default</c>, choice rules, <c>Catch</c>), for path checks.</summary>
    /// <param name="state">A state object.</param>
    public static IEnumerable<string> Successors(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Text(state, "Next") is { } next)
        {
            yield return next;
        }

        if (Text(state, "Default") is { } fallback)
        {
            yield return fallback;
        }

        foreach (JsonObject rule in Objects(state, "Choices"))
        {
            if (Text(rule, "Next") is { } target)
            {
                yield return target;
            }
        }

        foreach (JsonObject handler in Objects(state, "Catch"))
        {
            if (Text(handler, "Next") is { } target)
            {
                yield return target;
            }
        }
    }

    private static void CheckMachine(JsonObject machine, string path, List<string> problems)
    {
        if (machine["States"] is not JsonObject states || states.Count == 0)
        {
            problems.Add($"{path}.States: missing or empty.");
            return;
        }

        string? start = Text(machine, "StartAt");
        if (start is null)
        {
            problems.Add($"{path}.StartAt: missing.");
        }
        else if (!states.ContainsKey(start))
        {
            problems.Add($"{path}.StartAt: '{start}' is not a state.");
        }

        foreach ((string name, JsonNode? node) in states)
        {
            if (node is not JsonObject state)
            {
                problems.Add($"{path}.States.{name}: not an object.");
                continue;
            }

            CheckState(state, states, $"{path}.States.{name}", problems);
        }

        if (start is null || !states.ContainsKey(start))
        {
            return;
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { start };
        var pending = new Queue<string>([start]);
        bool terminal = false;
        while (pending.TryDequeue(out string? name))
        {
            if (states[name] is not JsonObject state)
            {
                continue;
            }

            terminal |= IsTerminal(state);
            foreach (string next in Successors(state).Where(states.ContainsKey))
            {
                if (reached.Add(next))
                {
                    pending.Enqueue(next);
                }
            }
        }

        foreach (string name in states.Select(s => s.Key).Where(n => !reached.Contains(n)))
        {
            problems.Add($"{path}.States.{name}: unreachable from StartAt '{start}'.");
        }

        if (!terminal)
        {
            problems.Add($"{path}: no terminal state (Succeed, Fail or End: true) is reachable.");
        }
    }

    private static void CheckState(JsonObject state, JsonObject states, string path, List<string> problems)
    {
        string? type = Text(state, "Type");
        if (type is null || !Types.Contains(type))
        {
            problems.Add($"{path}.Type: '{type}' is not a state type ({string.Join(", ", Types)}).");
            return;
        }

        bool hasNext = state.ContainsKey("Next");
        bool end = state["End"] is JsonValue value && value.TryGetValue(out bool flag) && flag;
        switch (type)
        {
            case "Choice":
                if (hasNext || state.ContainsKey("End"))
                {
                    problems.Add($"{path}: a Choice state ends through its rules; it takes no Next or End.");
                }

                JsonObject[] rules = [.. Objects(state, "Choices")];
                if (rules.Length == 0)
                {
                    problems.Add($"{path}.Choices: a Choice state needs at least one rule.");
                }

                for (int i = 0; i < rules.Length; i++)
                {
                    if (Text(rules[i], "Next") is null)
                    {
                        problems.Add($"{path}.Choices[{i}].Next: missing.");
                    }
                }

                break;
            case "Succeed" or "Fail":
                if (hasNext || state.ContainsKey("End"))
                {
                    problems.Add($"{path}: a {type} state is terminal; it takes no Next or End.");
                }

                break;
            default:
                if (hasNext == end)
                {
                    problems.Add(hasNext ? $"{path}: has both Next and End." : $"{path}: needs Next or End: true.");
                }

                break;
        }

        if (type == "Task" && Text(state, "Resource") is null)
        {
            problems.Add($"{path}.Resource: a Task state needs a Resource.");
        }

        foreach (string target in Successors(state).Where(t => !states.ContainsKey(t)))
        {
            problems.Add($"{path}: the target '{target}' is not a state.");
        }

        CheckHandlers(state, "Retry", path, problems, needsNext: false);
        CheckHandlers(state, "Catch", path, problems, needsNext: true);

        if (type == "Parallel")
        {
            JsonObject[] branches = [.. Objects(state, "Branches")];
            if (branches.Length == 0)
            {
                problems.Add($"{path}.Branches: a Parallel state needs at least one branch.");
            }

            for (int i = 0; i < branches.Length; i++)
            {
                CheckMachine(branches[i], $"{path}.Branches[{i}]", problems);
            }
        }
        else if (type == "Map" && (state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor)
        {
            CheckMachine(processor, $"{path}.ItemProcessor", problems);
        }
    }

    private static void CheckHandlers(JsonObject state, string field, string path, List<string> problems, bool needsNext)
    {
        JsonObject[] handlers = [.. Objects(state, field)];
        for (int i = 0; i < handlers.Length; i++)
        {
            string[] errors = handlers[i]["ErrorEquals"] is JsonArray list ? [.. list.Select(e => e?.GetValue<string>() ?? string.Empty)] : [];
            if (errors.Length == 0)
            {
                problems.Add($"{path}.{field}[{i}].ErrorEquals: missing or empty.");
            }

            if (errors.Contains("States.ALL") && (errors.Length > 1 || i < handlers.Length - 1))
            {
                problems.Add($"{path}.{field}[{i}]: States.ALL must be alone and in the last {field} entry.");
            }

            if (needsNext && Text(handlers[i], "Next") is null)
            {
                problems.Add($"{path}.{field}[{i}].Next: missing.");
            }
        }
    }

    private static bool IsTerminal(JsonObject state) =>
        Text(state, "Type") is "Succeed" or "Fail" || (state["End"] is JsonValue value && value.TryGetValue(out bool end) && end);

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static IEnumerable<JsonObject> Objects(JsonObject node, string name) =>
        node[name] is JsonArray array ? array.OfType<JsonObject>() : [];
}
