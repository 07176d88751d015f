namespace Serverless.Api.Quotas;

/// <summary>
/// What this instance holds of one shared counter in the current window: capacity granted to it by the table and
/// how much of that its requests are using. Requests are admitted from the lease without a storage call while it
/// lasts; only topping it up, or giving idle capacity back, touches storage.
/// </summary>
internal sealed class CounterLease(CounterId id)
{
    public CounterId Id { get; } = id;

    /// <summary>Serialises changes to this lease, including the storage calls that top it up.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public string Window { get; set; } = string.Empty;

    public long Granted { get; set; }

    public long Consumed { get; set; }

    /// <summary>What the table said was leased in all (by every instance) when this lease last talked to it.</summary>
    public long LeasedInAll { get; set; }

    /// <summary>Until when the table is known to have nothing left (saves a storage read per rejected request).</summary>
    public DateTimeOffset ExhaustedUntil { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    public long Unused => Math.Max(0, Granted - Consumed);

    /// <summary>Starts afresh when the window has moved on; what was leased in the old one no longer counts.</summary>
    public void Roll(string window)
    {
        if (Window != window)
        {
            Window = window;
            Granted = Consumed = LeasedInAll = 0;
            ExhaustedUntil = DateTimeOffset.MinValue;
        }
    }
}
