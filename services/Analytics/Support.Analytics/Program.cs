using Support.Hosting;
using Support.Hosting.Messaging;
using Support.Analytics;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddAnalyticsService();
builder.AddSupportMessaging();

var app = builder.Build();
app.MapSupportDefaults();
app.MapAnalyticsService();
app.Run();

public partial class Program;
