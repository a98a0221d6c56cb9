using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Identity.PersonalData;

public sealed class ErasureConfirmationEntityTypeConfiguration : IEntityTypeConfiguration<ErasureConfirmation>
{
    public void Configure(EntityTypeBuilder<ErasureConfirmation> confirmation)
    {
        confirmation.ToTable("erasure_confirmations");
        confirmation.HasKey(c => new { c.ErasureId, c.Service });
        confirmation.Property(c => c.Service).HasMaxLength(50);
    }
}
