namespace Serverless.Infra.Tests.Arm;

/// <summary>What <c>fail()</c> in a template raises: Azure refuses the deployment with this message.</summary>
internal sealed class ArmDeploymentFailure(string message) : Exception(message);
