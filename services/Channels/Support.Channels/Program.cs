using Support.Channels;
using Support.Hosting;
using Support.Hosting.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddChannelsService();
builder.AddSupportMessaging();

var app = builder.Build();
app.MapSupportDefaults();
app.MapChannelsService();
app.Run();

public partial class Program;
