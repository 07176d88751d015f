using System.Text.Json.Serialization;

namespace Serverless.Jobs;

/// <summary>
/// How soon a caller's work is served when the worker is saturated: a tier's or key's class, passed by the gateway to
/// the worker (which admits higher classes first) and naming the job queue its async work goes to.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PriorityClass>))]
public enum PriorityClass
{
    /// <summary>Served after every waiting <see cref="Normal"/> and <see cref="High"/> request.</summary>
    [JsonStringEnumMemberName("low")]
    Low = 0,

    /// <summary>The default.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal = 1,

    /// <summary>Served before every waiting lower-class request.</summary>
    [JsonStringEnumMemberName("high")]
    High = 2,
}
