using System.Security.Cryptography;
using System.Text;

namespace HatchetMcp.Emulator.Auth;

/// <summary>
/// Signs and verifies compact JWS with ES256 (ECDSA P-256, SHA-256, 64-byte r||s signature), as Hatchet's
/// Tink keyset does. The key lives only in memory: tokens are valid for this emulator instance alone.
/// </summary>
internal sealed class Es256Signer : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public Es256Signer()
    {
        Span<byte> id = stackalloc byte[4];
        RandomNumberGenerator.Fill(id);
        KeyId = Base64Url.Encode(id);
    }

    /// <summary>Tink's "kid": base64url of the 4-byte key id.</summary>
    public string KeyId { get; }

    public string Sign(string headerJson, string payloadJson)
    {
        string signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." +
                              Base64Url.Encode(Encoding.UTF8.GetBytes(payloadJson));
        byte[] signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>Checks the signature of a three-part compact JWS; returns the decoded header and payload bytes.</summary>
    public bool TryVerify(string jwt, out byte[] header, out byte[] payload)
    {
        header = [];
        payload = [];
        string[] parts = jwt.Split('.');
        if (parts.Length != 3 ||
            !Base64Url.TryDecode(parts[0], out header) ||
            !Base64Url.TryDecode(parts[1], out payload) ||
            !Base64Url.TryDecode(parts[2], out byte[] signature) ||
            signature.Length != 64)
        {
            return false;
        }

        byte[] signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        return _key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose() => _key.Dispose();
}
