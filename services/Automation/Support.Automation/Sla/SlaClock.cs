namespace Support.Automation.Sla;

public sealed class SlaClock : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
