using Serverless.Inference.Constraints.Matching;

namespace Serverless.Inference.Constraints.Masking;

/// <summary>
/// What a matcher state allows, independent of the budget: the tokens the grammar accepts, those among them that
/// lengthen the shortest completion (with the completion they leave), and the shortest completion itself. The
/// budget is applied per step from these, so one entry serves every step and every request in that state.
/// </summary>
internal sealed record MaskEntry(ulong[] Allowed, (int Token, int CloseCost)[] Growing, int CloseCost, byte[] ShortestCompletion, bool Accepting, int AllowedCount);
