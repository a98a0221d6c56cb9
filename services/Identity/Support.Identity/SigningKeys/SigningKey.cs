namespace Support.Identity.SigningKeys;

/// <summary>
/// An RSA key tokens are signed with, and the AES key (256 bits) OpenIddict encrypts its own refresh tokens with. The newest key signs; when a newer one replaces it, it gets an expiry and stays
/// published (JWKS) until then, so the tokens it signed stay valid.
/// </summary>
public class SigningKey
{
    /// <summary>The key id, the JWT header's "kid".</summary>
    public string Id { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The private key, PKCS#8 PEM.</summary>
    public string PrivateKeyPem { get; set; } = "";
    /// <summary>The AES key, base64.</summary>
    public string EncryptionKey { get; set; } = "";
    /// <summary>Null while it signs; once superseded, when it stops validating.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
