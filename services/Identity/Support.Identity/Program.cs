using Support.Hosting;
using Support.Hosting.Messaging;
using Support.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddIdentityService();
builder.AddSupportMessaging();

var app = builder.Build();
app.MapSupportDefaults(); // its authentication is also where OpenIddict answers /connect/* and /.well-known/*
app.MapIdentityService();
app.Run();

public partial class Program;
