namespace Serverless.Inference.Constraints.Matching;

/// <summary>Where a JSON number is in RFC 8259's grammar.</summary>
internal enum NumberPhase : byte
{
    Start,
    Minus,
    Zero,
    Integer,
    Dot,
    Fraction,
    Exponent,
    ExponentSign,
    ExponentDigits,
}
