using Microsoft.IdentityModel.Protocols;

namespace Support.Hosting.Security;

/// <summary>
/// Reads the issuer's documents from where this host reaches Identity: the discovery document names the public issuer
/// (the gateway's address), which a service inside the deployment may not be able to reach, so its addresses are
/// read from the authority instead. Hand-written: IdentityModel has no setting for an internal address.
/// </summary>
public sealed class IssuerDocumentRetriever(Uri issuer, Uri authority, bool requireHttps) : IDocumentRetriever
{
    private readonly HttpDocumentRetriever http = new() { RequireHttps = requireHttps };

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
        http.GetDocumentAsync(address.StartsWith(issuer.AbsoluteUri, StringComparison.OrdinalIgnoreCase)
            ? authority.AbsoluteUri + address[issuer.AbsoluteUri.Length..]
            : address, cancel);
}
