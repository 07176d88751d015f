namespace Serverless.Inference;

/// <summary>
/// The model's chat template refused a conversation: its own <c>raise_exception</c> (roles that do not alternate,
/// a system message it does not take), an error on the messages' shape, or a conversation too long to render.
/// It is the caller's input that is wrong, so the API answers 400 with <see cref="Exception.Message"/>.
/// </summary>
public sealed class ChatTemplateException(string message, bool tooLong) : Exception(message)
{
    /// <summary>Whether the rendered prompt would have passed the template's size bound.</summary>
    public bool TooLong { get; } = tooLong;
}
