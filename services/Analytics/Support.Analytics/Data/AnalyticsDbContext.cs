using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;

namespace Support.Analytics.Data;

public class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : ServiceDbContext(options)
{
}
