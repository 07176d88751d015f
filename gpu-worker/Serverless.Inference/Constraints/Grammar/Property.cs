namespace Serverless.Inference.Constraints.Grammar;

/// <summary>A declared property: its name as written between the quotes of a JSON key, its value's schema, and whether it is required.</summary>
internal sealed record Property(byte[] Key, GrammarNode Value, bool Required);
