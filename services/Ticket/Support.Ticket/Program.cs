using Support.Hosting;
using Support.Hosting.Messaging;
using Support.Ticket;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddTicketService();
builder.AddSupportMessaging();

var app = builder.Build();
app.MapSupportDefaults();
app.MapTicketService();
app.Run();

public partial class Program;
