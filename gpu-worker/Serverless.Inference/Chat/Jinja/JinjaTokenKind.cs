namespace Serverless.Inference.Chat.Jinja;

/// <summary>What a lexer token is: template text, a tag delimiter, or a piece of an expression inside a tag.</summary>
internal enum JinjaTokenKind
{
    Text,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    End,
}
