using Serverless.OpenAI.Errors;

namespace Serverless.Api.Auth;

/// <summary>
/// The tenant names jobs, usage and limits are kept under, and the rules that keep tenants apart: key owners are
/// plain names outside a reserved list, token owners live under <c>jwt:</c> (a prefix no key owner can carry), and
/// anything else that names an owner is printable and bounded.
/// </summary>
public static class Owners
{
    /// <summary>The longest owner, in UTF-16 code units, before any prefix.</summary>
    public const int MaxLength = 200;

    /// <summary>The owner of the bootstrap admin key (reserved: no issued key can have it).</summary>
    public const string BootstrapAdmin = "admin";

    /// <summary>The prefix of owners that come from JWTs, so a token whose subject is <c>team-a</c> is not the key owner <c>team-a</c>.</summary>
    public const string TokenPrefix = "jwt:";

    /// <summary>Names no key may be issued to: the bootstrap admin's, and names an operator would read as the system's own.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        BootstrapAdmin, "administrator", "root", "system", "operator", "bootstrap", "jwt",
    };

    /// <summary>What an issued key's owner must look like, for error messages.</summary>
    public const string KeyOwnerRequirement = "owner must be 1 to 200 letters, digits or - _ . @, and not a reserved name (admin, root, system, ...).";

    /// <summary>Whether <paramref name="owner"/> may be given to an issued key.</summary>
    public static bool IsValidKeyOwner(string owner) =>
        owner.Length is > 0 and <= MaxLength
        && owner.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')
        && !Reserved.Contains(owner);

    /// <summary>The owner a token's claim makes, or null when the claim is empty, too long or not printable text.</summary>
    public static string? FromToken(string? claim) => claim is not null && IsPrintable(claim) ? TokenPrefix + claim : null;

    /// <summary>Checks an owner named in a query (admins reading another tenant): 400 unless printable and bounded.</summary>
    public static ApiError? CheckNamed(string owner) =>
        IsPrintable(owner.StartsWith(TokenPrefix, StringComparison.Ordinal) ? owner[TokenPrefix.Length..] : owner)
            ? null
            : ApiError.InvalidParameter("owner", $"owner must be 1 to {MaxLength} printable characters.");

    /// <summary>1 to <see cref="MaxLength"/> code units, not all white space, no control characters and no unpaired surrogates.</summary>
    internal static bool IsPrintable(string value)
    {
        if (value.Length is 0 or > MaxLength || string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
