using System.Diagnostics.CodeAnalysis;

namespace Serverless.Inference.Chat;

/// <summary>The built-in chat templates a model.json may name; <see cref="Jinja"/> names the export's own.</summary>
internal static class ChatTemplates
{
    public const string ChatMl = "chatml";
    public const string Plain = "plain";

    /// <summary>The Jinja template a Hugging Face export ships (<see cref="JinjaChatTemplate"/>).</summary>
    public const string Jinja = "jinja";

    public static bool TryGet(string name, [NotNullWhen(true)] out IChatTemplate? template)
    {
        template = name switch
        {
            ChatMl => new ChatMlTemplate(),
            Plain => new PlainTemplate(),
            _ => null,
        };
        return template is not null;
    }
}
