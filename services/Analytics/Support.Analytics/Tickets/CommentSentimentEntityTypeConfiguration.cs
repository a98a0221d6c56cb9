using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.Tickets;

public sealed class CommentSentimentEntityTypeConfiguration : IEntityTypeConfiguration<CommentSentiment>
{
    public void Configure(EntityTypeBuilder<CommentSentiment> s)
    {
        s.ToTable("comment_sentiments");
        s.HasKey(x => new { x.TicketId, x.CommentId });
        s.ComplexProperty(x => x.Ticket, TicketAttributesColumns.Configure);
        s.HasIndex(x => x.At);
        s.HasIndex(x => x.CustomerId);
    }
}
