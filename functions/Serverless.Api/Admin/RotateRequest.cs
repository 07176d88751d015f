namespace Serverless.Api.Admin;

/// <summary>The optional body of <c>POST /v1/admin/keys/{id}/rotate</c>.</summary>
public sealed record RotateRequest(long? GracePeriodSeconds);
