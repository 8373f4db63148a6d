namespace Mart.Hosting;

public enum DistributedApplicationOperation
{
    Run,
    Publish,
}

/// <summary>Whether the AppHost runs the application or writes a deployment manifest.</summary>
public sealed class DistributedApplicationExecutionContext(DistributedApplicationOperation operation)
{
    public DistributedApplicationOperation Operation { get; } = operation;

    public bool IsRunMode => Operation == DistributedApplicationOperation.Run;

    public bool IsPublishMode => Operation == DistributedApplicationOperation.Publish;
}
