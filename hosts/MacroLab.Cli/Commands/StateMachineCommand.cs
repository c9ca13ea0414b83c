using Spectre.Console;
using System.CommandLine;
using System.Text.Json.Nodes;
using MacroLab.Hosting.Cloud;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab state-machine</c>: the cloud pipeline's Step Functions definition, generated from the stage graph.</summary>
internal static class StateMachineCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write the definition to this file (default: print it).", HelpName = "file" };
        var check = new Option<FileInfo?>("--check")
        {
            Description = "Compare this file with the generated definition; exit 65 when it differs (CI keeps deploy/statemachine/pipeline.asl.json current).",
            HelpName = "file",
        };
        var rollout = new Option<bool>("--rollout")
        {
            Description = "The API's blue/green rollout instead (listener weights 10/50/100 % with an alarm check after each soak, rollback on an alarm); committed as deploy/statemachine/rollout.asl.json.",
        };
        var command = new Command("state-machine",
            "Print the Step Functions (ASL) definition of the cloud pipeline: one ECS task per stage of `macrolab run`, a Choice on the gate result, " +
            "retries with backoff and jitter, failures recorded in the lake. The definition is checked (targets, reachability, terminals) before it is written.")
        {
            output, check, rollout,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            string text = parse.GetValue(rollout) ? RolloutStateMachine.ToJson() : PipelineStateMachine.ToJson();
            IReadOnlyList<string> problems = AslGraph.Check((JsonObject)JsonNode.Parse(text)!);
            if (problems.Count > 0)
            {
                console.Fail($"the generated definition is not sound: {string.Join(" ", problems)}");
                return ExitCodes.Software;
            }

            if (parse.GetValue(check) is { } existing)
            {
                if (!existing.Exists)
                {
                    console.Fail($"{existing.FullName} does not exist; write it with --out.");
                    return ExitCodes.NoInput;
                }

                string current = await File.ReadAllTextAsync(existing.FullName, cancellationToken);
                if (current != text)
                {
                    console.Fail($"{existing.FullName} differs from the generated definition; regenerate it with `macrolab state-machine{(parse.GetValue(rollout) ? " --rollout" : string.Empty)} --out {existing.FullName}`.");
                    return ExitCodes.DataError;
                }

                console.Out.WriteLine($"{existing.FullName}: current");
                return ExitCodes.Success;
            }

            if (parse.GetValue(output) is { } file)
            {
                await AtomicFile.WriteAsync(file, stream => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).AsTask());
                console.Out.WriteLine($"Wrote {file.FullName}");
                return ExitCodes.Success;
            }

            console.Raw(text.TrimEnd('\n'));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
