namespace Serverless.Api.Quotas;

/// <summary>One counter's part of a <see cref="Reservation"/>.</summary>
/// <param name="Subject">The counter's subject (a key, or a key on one model).</param>
/// <param name="Kind">The limit.</param>
/// <param name="Amount">What was taken.</param>
public sealed record ReservedAmount(string Subject, LimitKind Kind, long Amount);
