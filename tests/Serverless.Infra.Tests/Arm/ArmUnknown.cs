namespace Serverless.Infra.Tests.Arm;

/// <summary>A value only a real deployment knows, such as a property of a deployed resource; the description says where it comes from.</summary>
internal sealed record ArmUnknown(string Description)
{
    public override string ToString() => $"<{Description}>";
}
