using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Serverless.Inference.Chat;
using Serverless.Inference.Chat.Jinja;
using Serverless.Inference.Constraints.Masking;
using Serverless.Inference.Generation;
using Serverless.Inference.Generation.Batching;
using Serverless.Inference.Generation.Streaming;
using Serverless.Inference.Tokenization;

namespace Serverless.Inference;

/// <summary>A loaded causal LM: tokenizes, renders chats and streams completions through its batch scheduler.</summary>
public sealed class GenerationModel
{
    private readonly TextTokenizer tokenizer;
    private readonly IChatTemplate chatTemplate;
    private readonly IReadOnlySet<int> eosTokenIds;
    private readonly BatchScheduler scheduler;
    private readonly Lazy<TokenVocabulary> vocabulary;

    internal GenerationModel(ModelManifest manifest, TextTokenizer tokenizer, IChatTemplate chatTemplate, CausalLm model, BatchScheduler scheduler)
    {
        Manifest = manifest;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
        Model = model;
        this.scheduler = scheduler;
        eosTokenIds = manifest.EosTokenIds.ToHashSet();

        // Built on the first constrained request only: a walk over every token's bytes.
        vocabulary = new(() => new TokenVocabulary(Math.Max(model.Signature.VocabSize, 0), tokenizer.TokenBytes, eosTokenIds.ToArray()));
    }

    /// <summary>The model's model.json.</summary>
    public ModelManifest Manifest { get; }

    internal CausalLm Model { get; }

    /// <summary>What the model's scheduler is doing right now: sequences decoding and requests waiting to join.</summary>
    public GenerationStatistics Statistics => new(scheduler.ActiveCount, scheduler.WaitingCount);

    /// <summary>The prompt's token ids, as the model reads them.</summary>
    public IReadOnlyList<int> Tokenize(string text) => tokenizer.Encode(text);

    /// <summary>The prompt for a chat, via the model's chat template, ending with the assistant cue; <paramref name="tools"/> are the functions offered.</summary>
    /// <exception cref="ChatTemplateException">The model's template refuses the conversation.</exception>
    public string RenderChat(IReadOnlyList<ChatTurn> turns, IReadOnlyList<ToolFunction>? tools = null)
    {
        try
        {
            return chatTemplate.Render(turns, tools ?? []);
        }
        catch (JinjaException e)
        {
            // Templates check the messages (alternating roles, a supported system turn) and say what is wrong.
            throw new ChatTemplateException(e.Kind == JinjaErrorKind.Raised ? e.Detail : e.Message, e.Kind == JinjaErrorKind.Limit);
        }
    }

    /// <summary>
    /// A chat's prompt ids. A Jinja template writes the BOS and turn markers itself, so the tokenizer adds
    /// nothing (as Hugging Face's apply_chat_template tokenizes); the built-in templates get the tokenizer's own.
    /// </summary>
    /// <exception cref="ChatTemplateException">The model's template refuses the conversation.</exception>
    public IReadOnlyList<int> TokenizeChat(IReadOnlyList<ChatTurn> turns, IReadOnlyList<ToolFunction>? tools = null) =>
        tokenizer.Encode(RenderChat(turns, tools), addSpecialTokens: chatTemplate is not JinjaChatTemplate);

    /// <summary>
    /// Streams the completion; the caller's cancellation removes the sequence from the batch at the next
    /// step and ends the stream with <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The request is impossible (empty prompt, prompt + max_tokens over the context length, bad sampling values).</exception>
    public IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
        GenerateAsync(request, tokenObserver: null, cancellationToken);

    /// <summary>As the public overload, also reporting each sampled token id (on the scheduler thread) to tests.</summary>
    internal IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, Action<int>? tokenObserver, CancellationToken cancellationToken)
    {
        GenerationRequestGuard.Check(request, Manifest.ContextLength, Model.Signature.VocabSize);
        return Stream(request, tokenObserver, cancellationToken);
    }

    internal string Decode(IEnumerable<int> tokens) => tokenizer.Decode(tokens);

    /// <summary>The vocabulary as raw bytes, for constrained decoding.</summary>
    internal TokenVocabulary Vocabulary => vocabulary.Value;

    /// <summary>
    /// One token's text as logprobs show it, and its UTF-8 bytes; bytes are null for a token that is only part of a
    /// character (its text alone is not valid UTF-8), whose text then shows the replacement character.
    /// </summary>
    public (string Text, byte[]? Bytes) TokenText(int token)
    {
        var text = tokenizer.Decode([token]);
        return (text, text.Contains('\uFFFD', StringComparison.Ordinal) ? null : System.Text.Encoding.UTF8.GetBytes(text));
    }

    internal void Shutdown()
    {
        scheduler.Dispose();
        Model.Dispose();
    }

    private async IAsyncEnumerable<GenerationChunk> Stream(GenerationRequest request, Action<int>? tokenObserver, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var output = Channel.CreateUnbounded<GenerationChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var constraint = request.Constraint is { } grammar ? new ConstraintMatcher(grammar, Vocabulary) : null;
        var sequence = new Sequence(request, new CompletionText(Decode, request.StopSequences), eosTokenIds, output.Writer, tokenObserver, constraint);
        scheduler.Enqueue(sequence);
        try
        {
            await foreach (var chunk in output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
        finally
        {
            // Cancelled, broken off early or finished: either way the scheduler may drop it at its next step.
            sequence.Abandon();
        }
    }
}
