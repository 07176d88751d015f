using System.Diagnostics.CodeAnalysis;

namespace Serverless.Inference.Chat;

/// <summary>The chat templates a model.json may name.</summary>
internal static class ChatTemplates
{
    public const string ChatMl = "chatml";
    public const string Plain = "plain";

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
