using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Identity.PersonalData;

public sealed class PersonalDataRequestEntityTypeConfiguration : IEntityTypeConfiguration<PersonalDataRequest>
{
    public void Configure(EntityTypeBuilder<PersonalDataRequest> request)
    {
        request.ToTable("personal_data_requests");
        request.Property(r => r.Kind).HasMaxLength(10);
        request.Property(r => r.RequestedByType).HasMaxLength(20);
        request.Property(r => r.RequestedById).HasMaxLength(200);
        request.HasIndex(r => r.CustomerId);
        request.HasMany(r => r.Confirmations).WithOne().HasForeignKey(c => c.ErasureId);
    }
}
