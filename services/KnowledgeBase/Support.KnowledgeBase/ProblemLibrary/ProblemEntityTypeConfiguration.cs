using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.KnowledgeBase.Articles;

namespace Support.KnowledgeBase.ProblemLibrary;

public sealed class ProblemEntityTypeConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> problem)
    {
        problem.ToTable("problems");
        problem.Property(p => p.Title).HasMaxLength(Problem.TitleMaxLength);
        problem.Property(p => p.Solution).HasMaxLength(Problem.SolutionMaxLength);
        problem.Property(p => p.Version).IsConcurrencyToken();
        problem.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.SetNull);
    }
}
