using Support.Analytics;
using Support.Automation;
using Support.Channels;
using Support.Hosting;
using Support.Hosting.Messaging;
using Support.Identity;
using Support.KnowledgeBase;
using Support.Routing;
using Support.Standalone;
using Support.Ticket;

// Every service in one process: SQLite files under ./data, the in-memory bus, one port, Swagger UI at /swagger.
// Identity signs its tokens in-process and every service checks them against its keys; the first admin's password
// is printed once in the log unless Identity__BootstrapAdmin__Password is set.
var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddIdentityService();
builder.AddTicketService();
builder.AddRoutingService();
builder.AddKnowledgeBaseService();
builder.AddAnalyticsService();
builder.AddChannelsService();
builder.AddAutomationService();
builder.AddSupportMessaging();
builder.Services.ConfigureSwaggerGen(options => options.UseServicePrefixForSharedNames(typeof(IdentityService), typeof(TicketService), typeof(RoutingService), typeof(KnowledgeBaseService), typeof(AnalyticsService), typeof(ChannelsService), typeof(AutomationService)));

var app = builder.Build();
app.MapSupportDefaults();
app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "Support API"));
app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
app.MapIdentityService();
app.MapTicketService();
app.MapRoutingService();
app.MapKnowledgeBaseService();
app.MapAnalyticsService();
app.MapChannelsService();
app.MapAutomationService();
app.Run();

public partial class Program;
