using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Support.Contracts.Customers;
using Support.Hosting.Inbox;
using Support.Identity.Data;
using Support.Identity.Users;

namespace Support.Identity.PersonalData;

/// <summary>Deletes the customer's users, their tokens (a refresh token of theirs no longer works) and the published events about them.</summary>
public sealed class CustomerErasureConsumer(IdentityDbContext db, TimeProvider clock, ILogger<CustomerErasureConsumer> logger)
    : ErasureConsumer<IdentityDbContext>(db, clock, logger, "Identity")
{
    protected override async Task EraseAsync(CustomerErasureRequested erasure, CancellationToken ct)
    {
        var userIds = await Db.Users.Where(u => u.CustomerId == erasure.CustomerId).Select(u => u.Id).ToListAsync(ct);
        var subjects = userIds.Select(id => id.ToString()).ToList();
        await Db.ForgetPublishedEventsAsync(userIds.Select(UserDirectory.Aggregate).ToList(), ct);
        await Db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Subject != null && subjects.Contains(t.Subject)).ExecuteDeleteAsync(ct);
        await Db.Users.Where(u => u.CustomerId == erasure.CustomerId).ExecuteDeleteAsync(ct);
    }
}
