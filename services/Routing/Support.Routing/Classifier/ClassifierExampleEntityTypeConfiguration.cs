using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Routing.Categories;
using Support.Routing.Tickets;

namespace Support.Routing.Classifier;

public sealed class ClassifierExampleEntityTypeConfiguration : IEntityTypeConfiguration<ClassifierExample>
{
    public void Configure(EntityTypeBuilder<ClassifierExample> example)
    {
        example.ToTable("classifier_examples");
        example.Property(e => e.Subject).HasMaxLength(RoutedTicket.SubjectMaxLength);
        example.Property(e => e.Description).HasMaxLength(RoutedTicket.TextMaxLength);
        example.Property(e => e.Category).HasMaxLength(CategoryRoute.NameMaxLength);
        example.Property(e => e.Priority).HasMaxLength(10);
        example.HasIndex(e => e.TicketId).IsUnique();
    }
}
