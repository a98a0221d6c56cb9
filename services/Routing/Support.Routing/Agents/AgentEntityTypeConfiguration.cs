using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Routing.Agents;

public sealed class AgentEntityTypeConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> agent)
    {
        agent.ToTable("agents");
        agent.Property(a => a.Name).HasMaxLength(Agent.NameMaxLength);
        agent.Property(a => a.Email).HasMaxLength(Hosting.Http.EmailAddress.MaxLength);
        agent.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        agent.Property(a => a.Version).IsConcurrencyToken();
        agent.HasIndex(a => a.Email).IsUnique();
        agent.OwnsMany(a => a.Skills, skills => skills.ToJson());
    }
}
