namespace Serverless.Api.Prices;

/// <summary>A stored price and when an admin last set it.</summary>
internal sealed record PriceRecord(ModelPrice Price, DateTimeOffset UpdatedAt);
