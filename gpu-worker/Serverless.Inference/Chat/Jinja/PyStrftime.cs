using System.Globalization;
using System.Text;

namespace Serverless.Inference.Chat.Jinja;

/// <summary>
/// Python's <c>datetime.strftime</c> on Linux for a naive local time, in the C locale: glibc's directives and
/// its <c>-</c>, <c>_</c>, <c>0</c> and <c>^</c> flags; an unknown directive prints as written, as glibc does.
/// </summary>
internal static class PyStrftime
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTime time, string format)
    {
        var text = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                text.Append(format[i]);
                continue;
            }

            var start = i++;
            var flag = format[i] is '-' or '_' or '0' or '^' ? format[i++] : '\0';
            if (i >= format.Length)
            {
                text.Append(format[start..]);
                break;
            }

            var value = Directive(time, format[i], flag);
            text.Append(value ?? format[start..(i + 1)]);
        }

        return text.ToString();
    }

    private static string? Directive(DateTime time, char directive, char flag)
    {
        var weekday = (int)time.DayOfWeek;
        var yearDay = time.DayOfYear - 1;
        var hour12 = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var text = directive switch
        {
            'a' => Days[weekday][..3],
            'A' => Days[weekday],
            'b' or 'h' => Months[time.Month - 1][..3],
            'B' => Months[time.Month - 1],
            'c' => $"{Days[weekday][..3]} {Months[time.Month - 1][..3]} {time.Day,2} {time:HH:mm:ss} {time.Year}",
            'C' => Number(time.Year / 100, 2, flag),
            'd' => Number(time.Day, 2, flag),
            'e' => Number(time.Day, 2, flag == '\0' ? '_' : flag),
            'f' => time.ToString("ffffff", CultureInfo.InvariantCulture),
            'F' => $"{time.Year:0000}-{time.Month:00}-{time.Day:00}",
            'D' or 'x' => $"{time.Month:00}/{time.Day:00}/{time.Year % 100:00}",
            'T' or 'X' => $"{time.Hour:00}:{time.Minute:00}:{time.Second:00}",
            'R' => $"{time.Hour:00}:{time.Minute:00}",
            'r' => $"{hour12:00}:{time.Minute:00}:{time.Second:00} {(time.Hour < 12 ? "AM" : "PM")}",
            'H' => Number(time.Hour, 2, flag),
            'k' => Number(time.Hour, 2, flag == '\0' ? '_' : flag),
            'I' => Number(hour12, 2, flag),
            'l' => Number(hour12, 2, flag == '\0' ? '_' : flag),
            'j' => Number(yearDay + 1, 3, flag),
            'm' => Number(time.Month, 2, flag),
            'M' => Number(time.Minute, 2, flag),
            'S' => Number(time.Second, 2, flag),
            'p' => time.Hour < 12 ? "AM" : "PM",
            'P' => time.Hour < 12 ? "am" : "pm",
            'u' => (weekday == 0 ? 7 : weekday).ToString(CultureInfo.InvariantCulture),
            'w' => weekday.ToString(CultureInfo.InvariantCulture),
            'U' => Number((yearDay + 7 - weekday) / 7, 2, flag),
            'W' => Number((yearDay + 7 - ((weekday + 6) % 7)) / 7, 2, flag),
            'V' => Number(ISOWeek.GetWeekOfYear(time), 2, flag),
            'G' => ISOWeek.GetYear(time).ToString(CultureInfo.InvariantCulture),
            'g' => Number(ISOWeek.GetYear(time) % 100, 2, flag),
            'y' => Number(time.Year % 100, 2, flag),
            'Y' => time.Year.ToString(CultureInfo.InvariantCulture),
            's' => ((long)(time - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture),
            'n' => "\n",
            't' => "\t",
            'z' or 'Z' => "",
            '%' => "%",
            _ => null,
        };
        return flag == '^' ? text?.ToUpperInvariant() : text;
    }

    private static string Number(int value, int width, char flag)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture);
        return flag switch
        {
            '-' => digits,
            '_' => digits.PadLeft(width, ' '),
            _ => digits.PadLeft(width, '0'),
        };
    }
}
