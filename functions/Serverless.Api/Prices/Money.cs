using System.Globalization;

namespace Serverless.Api.Prices;

/// <summary>
/// Amounts of money. Table storage has no decimal type and a double would lose cents over millions of rows, so
/// amounts are stored as invariant decimal strings and always summed as <see cref="decimal"/>.
/// </summary>
internal static class Money
{
    /// <summary>The same amount without trailing zeros (<c>1.50</c> becomes <c>1.5</c>), so answers print it plainly.</summary>
    public static decimal Normalize(decimal amount) => amount / 1.0000000000000000000000000000m;

    /// <summary>The stored form of <paramref name="amount"/>.</summary>
    public static string Format(decimal amount) => Normalize(amount).ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a stored amount; a missing one is zero.</summary>
    public static decimal Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? 0m : decimal.Parse(stored, NumberStyles.Number, CultureInfo.InvariantCulture);
}
