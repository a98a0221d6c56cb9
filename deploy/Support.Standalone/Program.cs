using Support.Analytics;
using Support.Hosting;
using Support.Hosting.Messaging;
using Support.KnowledgeBase;
using Support.Routing;
using Support.Standalone;
using Support.Ticket;

// Every service in one process: SQLite files under ./data, the in-memory bus, one port, Swagger UI at /swagger.
var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddTicketService();
builder.AddRoutingService();
builder.AddKnowledgeBaseService();
builder.AddAnalyticsService();
builder.AddSupportMessaging();
builder.Services.ConfigureSwaggerGen(options => options.UseServicePrefixForSharedNames(typeof(TicketService), typeof(RoutingService), typeof(KnowledgeBaseService), typeof(AnalyticsService)));

var app = builder.Build();
app.MapSupportDefaults();
app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "Support API"));
app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
app.MapTicketService();
app.MapRoutingService();
app.MapKnowledgeBaseService();
app.MapAnalyticsService();
app.Run();

public partial class Program;
