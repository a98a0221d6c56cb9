using Support.Hosting;
using Support.Hosting.Messaging;
using Support.KnowledgeBase;

var builder = WebApplication.CreateBuilder(args);
builder.AddSupportDefaults();
builder.AddKnowledgeBaseService();
builder.AddSupportMessaging();

var app = builder.Build();
app.MapSupportDefaults();
app.MapKnowledgeBaseService();
app.Run();

public partial class Program;
