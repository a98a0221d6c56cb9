using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Analytics.Tickets;

/// <summary>The ticket's attributes copied onto each row of a read model shaped for its report (spans, comment sentiments).</summary>
public static class TicketAttributesColumns
{
    public static void Configure(ComplexPropertyBuilder<TicketAttributes> ticket)
    {
        ticket.Property(x => x.Channel).HasMaxLength(20);
        ticket.Property(x => x.Priority).HasMaxLength(20);
        ticket.Property(x => x.Category).HasMaxLength(100);
    }
}
