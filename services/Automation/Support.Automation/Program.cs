using Support.Automation;
using Support.Hosting;
using Support.Hosting.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddAutomationService();
builder.AddSupportMessaging();

var app = builder.Build();
app.MapSupportDefaults();
app.MapAutomationService();
app.Run();

public partial class Program;
