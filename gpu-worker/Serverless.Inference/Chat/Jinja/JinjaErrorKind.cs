namespace Serverless.Inference.Chat.Jinja;

/// <summary>Why a template failed: its text, its evaluation, its own <c>raise_exception</c>, or a sandbox bound.</summary>
internal enum JinjaErrorKind
{
    Syntax,
    Runtime,
    Raised,
    Limit,
}
