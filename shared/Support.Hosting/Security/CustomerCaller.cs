using System.Globalization;
using System.Security.Claims;
namespace Support.Hosting.Security;

/// <summary>
/// A caller signed in as a customer: what they read or write is narrowed to their own customer record, and anyone
/// else's answers 404, so a record's existence does not leak.
/// </summary>
public static class CustomerCaller
{
    public static bool IsCustomer(this ClaimsPrincipal user) => user.IsInRole(SupportRoles.Customer);

    /// <summary>The customer record the caller's user is linked to (none yet: null).</summary>
    public static int? CustomerId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(SupportClaims.CustomerId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The caller is a customer other than <paramref name="customerId"/>.</summary>
    public static bool IsAnotherCustomerThan(this ClaimsPrincipal user, int customerId) => user.IsCustomer() && user.CustomerId() != customerId;
}
