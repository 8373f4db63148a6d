using Google.Protobuf.Reflection;

namespace Mart.Contracts;

/// <summary>The .proto files that make up Mart's v1 event catalog.</summary>
public static class EventContracts
{
    /// <summary>Every file whose messages carry an <c>event_type</c> option.</summary>
    public static IReadOnlyList<FileDescriptor> Files { get; } =
    [
        ProductsReflection.Descriptor,
        OrdersReflection.Descriptor,
        PaymentsReflection.Descriptor,
        MarketReflection.Descriptor,
    ];
}
