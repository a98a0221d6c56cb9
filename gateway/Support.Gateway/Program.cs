using Support.Gateway;
using Support.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddGateway();

var app = builder.Build();
app.MapSupportDefaults();
app.MapGateway();
app.Run();
