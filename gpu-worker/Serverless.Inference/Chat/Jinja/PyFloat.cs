using System.Globalization;
using System.Numerics;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>Python's float printing, floor division, modulo and <c>round</c>, which differ from .NET's.</summary>
internal static class PyFloat
{
    /// <summary>Python's <c>repr(float)</c>: the shortest round-trip digits, <c>1.0</c>, <c>1e+16</c>, <c>1e-05</c>.</summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }

        var (digits, point) = ShortestDigits(Math.Abs(value));

        // Python switches to exponent notation when the decimal point is more than 4 places left or 16 places right.
        if (point <= -4 || point > 16)
        {
            var exponent = point - 1;
            var mantissa = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
            return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        if (point <= 0)
        {
            return $"{sign}0.{new string('0', -point)}{digits}";
        }

        return point >= digits.Length
            ? $"{sign}{digits}{new string('0', point - digits.Length)}.0"
            : $"{sign}{digits[..point]}.{digits[point..]}";
    }

    /// <summary>The shortest round-trip digits and how many of them stand before the decimal point.</summary>
    private static (string Digits, int Point) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e >= 0 ? int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var mantissa = e >= 0 ? text[..e] : text;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var whole = dot >= 0 ? mantissa[..dot] : mantissa;
        var digits = whole + (dot >= 0 ? mantissa[(dot + 1)..] : "");
        var point = whole.Length + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits.Length == 0 ? "0" : digits, point - leadingZeros);
    }

    /// <summary>Python's float <c>//</c> and <c>%</c> (CPython's float_divmod): the quotient floors, the remainder takes the divisor's sign.</summary>
    public static (double Quotient, double Remainder) DivMod(double x, double y)
    {
        var mod = x % y;
        var div = (x - mod) / y;
        if (mod != 0)
        {
            if (y < 0 != mod < 0)
            {
                mod += y;
                div -= 1;
            }
        }
        else
        {
            mod = Math.CopySign(0, y);
        }

        double floor;
        if (div != 0)
        {
            floor = Math.Floor(div);
            if (div - floor > 0.5)
            {
                floor += 1;
            }
        }
        else
        {
            floor = Math.CopySign(0, x / y);
        }

        return (floor, mod);
    }

    /// <summary>Python's <c>round(x, n)</c> for a float: the exact binary value rounded half to even at n decimals.</summary>
    public static double Round(double value, long digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0 || digits > 400)
        {
            return value;
        }

        if (digits < -400)
        {
            return Math.CopySign(0, value);
        }

        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var rawExponent = (int)((bits >> 52) & 0x7ff);
        var mantissa = new BigInteger(bits & 0xfffffffffffffL);
        var exponent = rawExponent == 0 ? -1074 : rawExponent - 1075;
        if (rawExponent != 0)
        {
            mantissa += BigInteger.One << 52;
        }

        // |value| * 10^digits = numerator / denominator, exactly.
        var numerator = mantissa * (digits >= 0 ? BigInteger.Pow(10, (int)digits) : BigInteger.One);
        var denominator = digits >= 0 ? BigInteger.One : BigInteger.Pow(10, (int)-digits);
        if (exponent >= 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        var rounded = double.Parse($"{quotient}E{-digits}", NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.CopySign(rounded, value);
    }
}
