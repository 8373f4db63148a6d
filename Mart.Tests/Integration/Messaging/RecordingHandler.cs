using System.Diagnostics;
using Mart.Contracts;
using Mart.Messaging;
using Microsoft.Extensions.Options;

namespace Mart.Tests.Integration.Messaging;

/// <summary>Records one <see cref="HandledEffect"/> per handled event, after whatever the script says.</summary>
public sealed class RecordingHandler(MessagingTestDbContext db, HandlerScript script, IOptions<MessagingOptions> options) : IEventHandler<ProductCreated>
{
    public async Task HandleAsync(ProductCreated message, EventContext context, CancellationToken cancellationToken)
    {
        await script.BeforeEffectAsync(message, db, cancellationToken);
        db.Effects.Add(new HandledEffect
        {
            Id = Guid.CreateVersion7(),
            MessageId = context.MessageId,
            ProductId = message.ProductId,
            Consumer = options.Value.ConsumerName ?? string.Empty,
            TraceId = Activity.Current?.TraceId.ToString(),
            ParentId = Activity.Current?.ParentSpanId.ToString(),
        });
    }
}
