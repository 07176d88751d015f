namespace Serverless.Api.Quotas;

/// <summary>
/// What an admission reserved, as data: an async job stores it with the job and settles it when the job ends,
/// possibly on another instance or after a restart, through <see cref="QuotaGate.SettleAsync"/>.
/// </summary>
/// <param name="Amounts">What was taken of each counter.</param>
/// <param name="AdmittedAt">When (it names the windows the amounts were taken in).</param>
public sealed record Reservation(IReadOnlyList<ReservedAmount> Amounts, DateTimeOffset AdmittedAt);
