using System.Globalization;

namespace Serverless.Gateway.Benchmarks;

/// <summary>Reads the <c>gateway;dur=</c> entry of the API's <c>Server-Timing</c> header.</summary>
internal static class ServerTiming
{
    public static double? Gateway(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }

        foreach (var entry in string.Join(',', values).Split(','))
        {
            var parts = entry.Trim().Split(";dur=");
            if (parts is ["gateway", var duration])
            {
                return double.Parse(duration, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
