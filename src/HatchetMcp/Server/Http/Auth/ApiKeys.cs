using System.Security.Cryptography;
using System.Text;

namespace HatchetMcp.Server.Http.Auth;

/// <summary>One configured API key: the hash of its secret, its name, role and profiles.</summary>
public sealed record ApiKey(string Name, byte[] Hash, bool CanWrite, IReadOnlyList<string>? Profiles);

/// <summary>Making and recognising API keys. A key is <c>hmcp_</c> and 32 random bytes (base64url); only its hash is stored.</summary>
public static class ApiKeys
{
    public const string Prefix = "hmcp_";

    /// <summary>A fresh key from the system's cryptographic generator.</summary>
    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// SHA-256 of the key, lowercase hex. A plain fast hash is enough here: keys are 256 random bits, so there is no
    /// dictionary to try; a slow password hash would only cost every request.
    /// </summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key whose hash matches <paramref name="presented"/>'s, comparing every stored hash in constant time.</summary>
    public static ApiKey? Match(IReadOnlyList<ApiKey> keys, string presented)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? found = null;
        // No early exit: the time taken does not say which stored key (if any) came close.
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(key.Hash, hash))
            {
                found = key;
            }
        }

        return found;
    }
}
