namespace Serverless.Inference.Chat;

/// <summary>Turns chat turns (and the tools offered) into the prompt text a model was trained on, ending with the assistant's cue.</summary>
internal interface IChatTemplate
{
    string Render(IReadOnlyList<ChatTurn> turns, IReadOnlyList<ToolFunction> tools);
}
