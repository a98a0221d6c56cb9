using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.Tickets;

public sealed class UnsolvedSpanEntityTypeConfiguration : IEntityTypeConfiguration<UnsolvedSpan>
{
    public void Configure(EntityTypeBuilder<UnsolvedSpan> s)
    {
        s.ToTable("ticket_unsolved_spans");
        s.HasKey(x => new { x.TicketId, x.From });
        s.ComplexProperty(x => x.Ticket, TicketAttributesColumns.Configure);
        s.HasIndex(x => x.To);
    }
}
