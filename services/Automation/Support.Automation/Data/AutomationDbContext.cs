using Microsoft.EntityFrameworkCore;
using Support.Automation.Automations;
using Support.Automation.Macros;
using Support.Automation.Schedules;
using Support.Automation.Sla;
using Support.Automation.Tickets;
using Support.Automation.Triggers;
using Support.Hosting.Data;

namespace Support.Automation.Data;

/// <summary>Business schedules, SLA policies and each ticket's targets, triggers, automations, macros, and the ticket copies they read.</summary>
public class AutomationDbContext(DbContextOptions<AutomationDbContext> options) : ServiceDbContext(options)
{
    public DbSet<TicketCopy> Tickets => Set<TicketCopy>();
    public DbSet<BusinessSchedule> Schedules => Set<BusinessSchedule>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<SlaTargetRecord> SlaTargets => Set<SlaTargetRecord>();
    public DbSet<Trigger> Triggers => Set<Trigger>();
    public DbSet<TriggerFiring> TriggerFirings => Set<TriggerFiring>();
    public DbSet<AutomationRule> Automations => Set<AutomationRule>();
    public DbSet<AutomationFiring> AutomationFirings => Set<AutomationFiring>();
    public DbSet<Macro> Macros => Set<Macro>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Each entity's mapping is beside it, in its *EntityTypeConfiguration.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AutomationDbContext).Assembly);
    }
}
