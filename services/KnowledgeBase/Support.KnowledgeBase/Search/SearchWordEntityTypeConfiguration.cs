using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.KnowledgeBase.Search;

public sealed class SearchWordEntityTypeConfiguration : IEntityTypeConfiguration<SearchWord>
{
    public void Configure(EntityTypeBuilder<SearchWord> word)
    {
        word.ToTable("search_words");
        word.HasKey(w => w.Word);
        word.Property(w => w.Word).HasMaxLength(SearchWord.MaxLength);
    }
}
