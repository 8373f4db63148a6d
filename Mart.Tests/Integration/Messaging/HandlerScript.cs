using System.Collections.Concurrent;
using Mart.Contracts;

namespace Mart.Tests.Integration.Messaging;

/// <summary>
/// What the test handler does before recording its effect, per product id: fail a number of times, always fail,
/// or block until the host stops. Shared by the hosts of one test, so counts span consumers.
/// </summary>
public sealed class HandlerScript
{
    private readonly ConcurrentDictionary<string, int> failuresLeft = new();
    private readonly ConcurrentDictionary<string, int> calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> blocked = new();
    private readonly ConcurrentDictionary<string, Func<MessagingTestDbContext, int, CancellationToken, Task>> steps = new();

    /// <summary>
    /// Work the handler does in its transaction before recording its effect, given the handler's DbContext and which
    /// call this is for the product (1 for the first).
    /// </summary>
    public void Step(string productId, Func<MessagingTestDbContext, int, CancellationToken, Task> step) => steps[productId] = step;

    public void FailTimes(string productId, int times) => failuresLeft[productId] = times;

    public void FailAlways(string productId) => failuresLeft[productId] = int.MaxValue;

    /// <summary>The handler waits until cancelled (its host stopping); returns a task completed once it is waiting.</summary>
    public Task BlockUntilCancelled(string productId) =>
        blocked.GetOrAdd(productId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Unblock(string productId) => blocked.TryRemove(productId, out _);

    public int Calls(string productId) => calls.GetValueOrDefault(productId);

    public async Task BeforeEffectAsync(ProductCreated message, MessagingTestDbContext db, CancellationToken cancellationToken)
    {
        var call = calls.AddOrUpdate(message.ProductId, 1, (_, count) => count + 1);
        if (steps.TryGetValue(message.ProductId, out var step))
        {
            await step(db, call, cancellationToken);
        }

        if (blocked.TryGetValue(message.ProductId, out var started))
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (failuresLeft.TryGetValue(message.ProductId, out var left) && left > 0)
        {
            failuresLeft[message.ProductId] = left == int.MaxValue ? left : left - 1;
            throw new InvalidOperationException($"Scripted failure for {message.ProductId}.");
        }
    }
}
