namespace Mart.Messaging;

/// <summary>An entry names a type that no registered message declares.</summary>
public sealed class UnknownEventTypeException(string typeName)
    : Exception($"No event type '{typeName}' is registered.")
{
    /// <summary>The unknown type name.</summary>
    public string TypeName { get; } = typeName;
}
