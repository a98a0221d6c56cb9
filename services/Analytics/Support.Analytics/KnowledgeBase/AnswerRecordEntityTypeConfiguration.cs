using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.KnowledgeBase;

public sealed class AnswerRecordEntityTypeConfiguration : IEntityTypeConfiguration<AnswerRecord>
{
    public void Configure(EntityTypeBuilder<AnswerRecord> a)
    {
        a.ToTable("kb_answers");
        a.HasKey(x => x.AnswerId);
        a.Property(x => x.Locale).HasMaxLength(20);
        a.HasIndex(x => x.AskedAt);
    }
}
