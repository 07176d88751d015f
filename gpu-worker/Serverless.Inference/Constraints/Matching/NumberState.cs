namespace Serverless.Inference.Constraints.Matching;

/// <summary>A number being written: its phase, the digits in the current part, and for a bounded number the text so far.</summary>
internal readonly record struct NumberState(NumberPhase Phase, int Digits, string? Text);
