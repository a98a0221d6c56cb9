using Support.Hosting;
using Support.Hosting.Messaging;
using Support.Routing;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddRoutingService();
builder.AddSupportMessaging();

var app = builder.Build();
app.MapSupportDefaults();
app.MapRoutingService();
app.Run();

public partial class Program;
