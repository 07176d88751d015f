namespace Serverless.Infra.Tests.Bicep;

/// <summary>What one run of the Bicep CLI printed and returned.</summary>
internal sealed record BicepResult(int ExitCode, string Output, string Diagnostics);
