using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Ticket.Tickets;

public sealed class TicketCommentEntityTypeConfiguration : IEntityTypeConfiguration<TicketComment>
{
    public void Configure(EntityTypeBuilder<TicketComment> comment)
    {
        comment.ToTable("ticket_comments");
        comment.Property(c => c.Body).HasMaxLength(TicketComment.BodyMaxBytes);
        comment.Property(c => c.AuthorType).HasConversion<string>().HasMaxLength(20);
        comment.Property(c => c.AuthorId).HasMaxLength(64);
        comment.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        comment.HasIndex(c => new { c.TicketId, c.Id });
    }
}
