using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Support.Fuzz.Tests.Infrastructure;

/// <summary>The exceptions the host's exception handler logged, so a 5xx in a fuzz failure comes with its cause.</summary>
public sealed class UnhandledErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> errors = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName.Contains("ExceptionHandler") ? errors : null);

    /// <summary>The errors logged since the last call.</summary>
    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        while (errors.TryDequeue(out var error))
            drained.Add(error);
        return drained;
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string>? errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => errors is not null && logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && exception is not null)
                errors!.Enqueue(string.Join('\n', exception.ToString().Split('\n').Take(12)));
        }
    }
}
