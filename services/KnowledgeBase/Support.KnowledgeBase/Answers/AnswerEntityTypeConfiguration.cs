using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Hosting.Data;

namespace Support.KnowledgeBase.Answers;

public sealed class AnswerEntityTypeConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> answer)
    {
        answer.ToTable("answers");
        answer.Property(a => a.Id).ValueGeneratedNever();
        answer.Property(a => a.Question).HasMaxLength(Answer.QuestionMaxLength);
        answer.Property(a => a.Locale).HasMaxLength(20);
        answer.Property(a => a.Evidence).HasJsonConversion();
        answer.HasIndex(a => a.CustomerId);
    }
}
