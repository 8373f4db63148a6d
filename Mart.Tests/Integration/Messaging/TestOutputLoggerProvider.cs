using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Mart.Tests.Integration.Messaging;

/// <summary>Sends the hosts' logs to the test output, so a failing test shows what the relay and consumers did.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output, string hostName) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, hostName, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string hostName, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{hostName}] {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished; its output helper no longer accepts lines.
            }
        }
    }
}
