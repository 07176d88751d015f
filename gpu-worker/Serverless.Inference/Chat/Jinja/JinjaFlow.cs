namespace Serverless.Inference.Chat.Jinja;

/// <summary>How a statement ends: normally, or by <c>break</c> / <c>continue</c> travelling out to its loop.</summary>
internal enum JinjaFlow
{
    Normal,
    Break,
    Continue,
}
