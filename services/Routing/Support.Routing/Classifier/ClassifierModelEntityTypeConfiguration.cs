using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Routing.Classifier;

public sealed class ClassifierModelEntityTypeConfiguration : IEntityTypeConfiguration<ClassifierModel>
{
    public void Configure(EntityTypeBuilder<ClassifierModel> model)
    {
        model.ToTable("classifier_models");
        model.HasKey(m => m.Version);
    }
}
