namespace Serverless.Api.Quotas;

/// <summary>One shared counter: what is counted (a key, or a key on one model) and which limit.</summary>
public readonly record struct CounterId(string Subject, LimitKind Kind);
