using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.KnowledgeBase.Answers;

public sealed class AnswerEntityTypeConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> answer)
    {
        answer.ToTable("answers");
        answer.Property(a => a.Id).ValueGeneratedNever();
        answer.Property(a => a.Question).HasMaxLength(Answer.QuestionMaxLength);
        answer.Property(a => a.Locale).HasMaxLength(20);
        answer.HasIndex(a => a.CustomerId);
    }
}
