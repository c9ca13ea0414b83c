namespace MacroLab.Hosting.Cloud;

/// <summary>How <see cref="PipelineStateMachine"/> runs the stages; the defaults suit the CloudFormation template in <c>deploy/</c>.</summary>
public sealed class StateMachineOptions
{
    /// <summary>The job image's container name in the task definition.</summary>
    public string ContainerName { get; init; } = "macrolab";

    /// <summary>The longest a stage's task may run before the state times out (the grid search dominates).</summary>
    public TimeSpan StageTimeout { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Attempts after the first when the ECS API fails transiently (throttling, capacity, server errors).</summary>
    public int EcsApiRetries { get; init; } = 4;

    /// <summary>Attempts after the first when a task fails to start or is stopped by the platform (e.g. Fargate Spot).</summary>
    public int TaskRetries { get; init; } = 2;
}
