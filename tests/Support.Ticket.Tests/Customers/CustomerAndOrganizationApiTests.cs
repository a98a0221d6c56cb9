using System.Net;
using System.Net.Http.Json;
using Support.Contracts.Customers;
using Support.Hosting.Http;
using Support.Ticket.Customers;
using Support.Ticket.Organizations;
using Support.Ticket.Tests.Infrastructure;

namespace Support.Ticket.Tests.Customers;

[Collection(TicketAppCollection.Name)]
public class CustomerAndOrganizationApiTests(TicketApp app)
{
    private readonly HttpClient client = app.Client();

    [Fact]
    public async Task Customers_are_created_read_updated_and_searched()
    {
        var email = Api.NewEmail();
        var created = await client.PostAsJsonAsync("/api/customers", new { email = email.ToUpperInvariant(), name = "Zhang Wei", phone = "+86 10 1234", notes = "Prefers Chinese" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await created.ReadAsync<CustomerResponse>();
        Assert.Equal(email, customer.Email);
        Assert.Equal($"/api/customers/{customer.Id}", created.Headers.Location?.ToString());

        var duplicate = await client.PostAsJsonAsync("/api/customers", new { email, name = "Someone else" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        var updated = await client.PatchAsync($"/api/customers/{customer.Id}", new { name = "Wei Zhang", phone = (string?)null }, ifMatch: "\"0\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var afterUpdate = await updated.ReadAsync<CustomerResponse>();
        Assert.Equal("Wei Zhang", afterUpdate.Name);
        Assert.Null(afterUpdate.Phone);
        Assert.Equal("Prefers Chinese", afterUpdate.Notes);

        var stale = await client.PatchAsync($"/api/customers/{customer.Id}", new { name = "Stale" }, ifMatch: "\"0\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var byEmail = (await client.GetFromJsonAsync<Page<CustomerResponse>>($"/api/customers?email={Uri.EscapeDataString(email)}", TicketApp.Json))!.Items;
        Assert.Equal(customer.Id, Assert.Single(byEmail).Id);
        var byName = (await client.GetFromJsonAsync<Page<CustomerResponse>>($"/api/customers?q={customer.Email[..20]}", TicketApp.Json))!.Items;
        Assert.Contains(byName, c => c.Id == customer.Id);
    }

    [Fact]
    public async Task Customers_are_active_with_no_value_unless_told()
    {
        var plain = await (await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(), name = "Plain" })).ReadAsync<CustomerResponse>();
        Assert.Equal((CustomerStatus.Active, (decimal?)null), (plain.Status, plain.Value));

        var created = await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(), name = "Gone", status = "churned", value = 49.90m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var churned = await client.GetCustomerAsync((await created.ReadAsync<CustomerResponse>()).Id);
        Assert.Equal((CustomerStatus.Churned, (decimal?)49.90m), (churned.Status, churned.Value));
        var json = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/customers/{churned.Id}");
        Assert.Equal(("churned", 49.9m), (json.GetProperty("status").GetString(), json.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task Changing_status_or_value_publishes_CustomerUpdated()
    {
        await using var events = await EventListener.StartAsync(app.RabbitMqUri);
        var customer = await (await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(), name = "Ann", value = 120m })).ReadAsync<CustomerResponse>();
        var created = Assert.Single(await events.WaitForAsync<CustomerCreated>(e => e.CustomerId == customer.Id));
        Assert.Equal(("active", (decimal?)120m), (created.Status, created.Value));

        var updated = await client.PatchAsync($"/api/customers/{customer.Id}", new { status = "churned", value = 80.5m }, ifMatch: "\"0\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var churned = await updated.ReadAsync<CustomerResponse>();
        Assert.Equal((CustomerStatus.Churned, (decimal?)80.5m), (churned.Status, churned.Value));
        var cleared = await client.PatchAsync($"/api/customers/{customer.Id}", new { value = (decimal?)null });
        Assert.Null((await cleared.ReadAsync<CustomerResponse>()).Value);
        var unchanged = await client.PatchAsync($"/api/customers/{customer.Id}", new { status = "churned" });
        Assert.Equal("\"2\"", unchanged.Headers.ETag?.Tag);

        // In the order they happened: another test class's broker outage can make a publish that timed out arrive late.
        var updates = (await events.WaitForAsync<CustomerUpdated>(e => e.CustomerId == customer.Id, count: 2)).OrderBy(u => u.UpdatedAt).ToList();
        Assert.Equal([("churned", 80.5m), ("churned", (decimal?)null)], updates.Select(u => (u.Status, u.Value)));
        Assert.Equal("Ann", updates[0].Name);
    }

    [Fact]
    public async Task Organizations_own_domains_and_list_their_customers()
    {
        var domain = $"org-{Guid.NewGuid():N}.io";
        var created = await client.PostAsJsonAsync("/api/organizations", new { name = $"Initech {domain}", domains = new[] { "@" + domain.ToUpperInvariant() } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = await created.ReadAsync<OrganizationResponse>();
        Assert.Equal([domain], organization.Domains);

        var taken = await client.PostAsJsonAsync("/api/organizations", new { name = $"Copycat {domain}", domains = new[] { domain } });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("domains", await taken.ProblemFieldsAsync());

        var customer = await (await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(domain), name = "Peter" })).ReadAsync<CustomerResponse>();
        Assert.Equal(organization.Id, customer.OrganizationId);

        var members = (await client.GetFromJsonAsync<Page<CustomerResponse>>($"/api/customers?organizationId={organization.Id}", TicketApp.Json))!.Items;
        Assert.Equal(customer.Id, Assert.Single(members).Id);

        var renamed = await client.PatchAsync($"/api/organizations/{organization.Id}", new { notes = "Renewal in May" });
        Assert.Equal("Renewal in May", (await renamed.ReadAsync<OrganizationResponse>()).Notes);
        var found = (await client.GetFromJsonAsync<Page<OrganizationResponse>>($"/api/organizations?domain={domain}", TicketApp.Json))!.Items;
        Assert.Equal(organization.Id, Assert.Single(found).Id);
    }
}
