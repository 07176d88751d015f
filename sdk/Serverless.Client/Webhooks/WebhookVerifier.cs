using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Client.Webhooks;

/// <summary>
/// Verifies the API's webhook calls as Standard Webhooks (and OpenAI's webhooks) define them: <c>webhook-signature</c>
/// holds one or more space-separated <c>v1,&lt;base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}"&gt;</c>
/// (several during a rotation of the key's secret), compared in constant time against each configured secret; the
/// timestamp must be within <see cref="WebhookVerifierOptions.Tolerance"/>; an id verified before within the window
/// is refused as <see cref="WebhookVerificationResult.Replayed"/>. Thread-safe: share one instance per receiver.
/// </summary>
public sealed class WebhookVerifier
{
    private const string SecretPrefix = "whsec_";
    private const string SignaturePrefix = "v1,";

    private readonly byte[][] keys;
    private readonly TimeSpan tolerance;
    private readonly TimeProvider time;
    private readonly ReplayWindow seen;

    /// <summary>A verifier for calls signed with <paramref name="secret"/>, with the default tolerance and replay window.</summary>
    public WebhookVerifier(string secret)
        : this(CreateOptions(secret))
    {
    }

    /// <summary>A verifier with <paramref name="options"/>; <paramref name="timeProvider"/> is the clock (the system's when null).</summary>
    public WebhookVerifier(WebhookVerifierOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Secrets.Count == 0 || options.Secrets.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one secret is needed, and none may be empty.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Tolerance, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxRememberedIds, 0, nameof(options));
        keys = [.. options.Secrets.Select(KeyOf)];
        tolerance = options.Tolerance;
        time = timeProvider ?? TimeProvider.System;
        seen = new ReplayWindow(options.MaxRememberedIds);
    }

    /// <summary>
    /// Verifies a call from its raw <paramref name="body"/> (exactly as received: read it as a string before parsing)
    /// and its <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> headers.
    /// </summary>
    public WebhookVerificationResult Verify(string body, string? webhookId, string? webhookTimestamp, string? webhookSignature)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookTimestamp) || string.IsNullOrEmpty(webhookSignature))
        {
            return WebhookVerificationResult.MissingHeaders;
        }

        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerificationResult.MalformedTimestamp;
        }

        var now = time.GetUtcNow();
        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (age > tolerance)
        {
            return WebhookVerificationResult.TooOld;
        }

        if (-age > tolerance)
        {
            return WebhookVerificationResult.TooNew;
        }

        if (!IsSigned(body, webhookId, webhookTimestamp, webhookSignature))
        {
            return WebhookVerificationResult.InvalidSignature;
        }

        // Remembered only once proven genuine, so forged calls cannot fill the window or block a real id. A replay is
        // possible while its timestamp is within the tolerance, at most twice the tolerance from now.
        return seen.TryAdd(webhookId, now + tolerance + tolerance, now) ? WebhookVerificationResult.Valid : WebhookVerificationResult.Replayed;
    }

    /// <summary>Verifies a call from its body and the headers of an <see cref="HttpRequestMessage"/> or similar.</summary>
    public WebhookVerificationResult Verify(string body, HttpHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(body, Header(headers, "webhook-id"), Header(headers, "webhook-timestamp"), Header(headers, "webhook-signature"));
    }

    /// <summary>
    /// Forgets that <paramref name="webhookId"/> was verified, so the API's next retry of it is accepted: call it
    /// when processing a verified call failed and you answer it with an error.
    /// </summary>
    public void Forget(string webhookId) => seen.Remove(webhookId);

    private static WebhookVerifierOptions CreateOptions(string secret)
    {
        var options = new WebhookVerifierOptions();
        options.Secrets.Add(secret);
        return options;
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(' ', values) : null;

    /// <summary>The key bytes of a secret: Base64 after <c>whsec_</c>, else the UTF-8 of the text (as the API signs).</summary>
    private static byte[] KeyOf(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(secret);
        }

        try
        {
            return Convert.FromBase64String(secret[SecretPrefix.Length..]);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("A whsec_ secret must be Base64 after its prefix.", nameof(secret), e);
        }
    }

    private bool IsSigned(string body, string id, string timestamp, string header)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var matched = false;
        foreach (var signature in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other schemes (v1a, asymmetric) are skipped: this API signs with v1 only.
            if (!signature.StartsWith(SignaturePrefix, StringComparison.Ordinal)
                || !Convert.TryFromBase64String(signature[SignaturePrefix.Length..], given, out var written)
                || written != given.Length)
            {
                continue;
            }

            foreach (var key in keys)
            {
                HMACSHA256.HashData(key, content, expected);
                matched |= CryptographicOperations.FixedTimeEquals(given, expected);
            }
        }

        return matched;
    }
}
