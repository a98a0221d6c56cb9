using System.Text.Json;

namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>Waiting for what events do in the background.</summary>
public static class Eventually
{
    /// <summary>
    /// Reads until the value is what the test waits for; when time runs out, fails naming what it waited for, the
    /// last value read and what <paramref name="describe"/> adds.
    /// </summary>
    public static async Task<JsonElement> ReadUntilAsync(
        Func<Task<JsonElement>> read, Func<JsonElement, bool> done, TimeSpan timeout, string waitingFor, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
            {
                var more = describe is null ? "" : $"\n{await describe()}";
                throw new Xunit.Sdk.XunitException($"Waited {timeout.TotalSeconds:0} s for {waitingFor}; the last read was: {value}{more}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
