namespace Serverless.Infra.Tests.Arm;

/// <summary>A parsed template language expression (the text between the brackets of <c>"[...]"</c>).</summary>
internal abstract record ArmExpression
{
    /// <summary>A string or integer literal.</summary>
    internal sealed record Literal(object Value) : ArmExpression;

    /// <summary>A function call, e.g. <c>format('{0}', parameters('x'))</c>.</summary>
    internal sealed record Call(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

    /// <summary>A property access, e.g. <c>reference(...).outputs</c>.</summary>
    internal sealed record Member(ArmExpression Target, string Name) : ArmExpression;

    /// <summary>An index access, e.g. <c>items(...)[copyIndex()]</c>.</summary>
    internal sealed record Index(ArmExpression Target, ArmExpression Key) : ArmExpression;
}
