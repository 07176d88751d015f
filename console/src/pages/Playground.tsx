import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf, stream, type Usage } from '../api';
import { Alert } from '../components/Alert';
import { ChatModelField, useChatModel } from '../components/ChatModelField';
import { formatInt } from '../format';

/**
 * A chat call streamed live (`POST /v1/chat/completions` with `stream: true` and usage in the last chunk), read
 * with fetch and a ReadableStream; Stop aborts it.
 */
export function Playground() {
  const { chat, chosen, setModel, error: modelsError } = useChatModel();
  const [system, setSystem] = useState('You are a helpful assistant.');
  const [user, setUser] = useState('');
  const [maxTokens, setMaxTokens] = useState('64');
  const [temperature, setTemperature] = useState('0.7');
  const [output, setOutput] = useState('');
  const [usage, setUsage] = useState<Usage | null>(null);
  const [finish, setFinish] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);

  // Leaving the page stops the stream.
  useEffect(() => () => abort.current?.abort(), []);

  const send = async (e: Event) => {
    e.preventDefault();
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setOutput('');
    setUsage(null);
    setFinish(null);
    setError(null);
    const messages = [...(system.trim() ? [{ role: 'system', content: system }] : []), { role: 'user', content: user }];
    const body = {
      model: chosen,
      messages,
      max_tokens: Number(maxTokens),
      temperature: Number(temperature),
      stream: true,
      stream_options: { include_usage: true },
    };
    try {
      await stream('/v1/chat/completions', body, controller.signal, chunk => {
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (delta) setOutput(text => text + delta);
        if (choice?.finish_reason) setFinish(choice.finish_reason);
        if (chunk.usage) setUsage(chunk.usage);
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setFinish('stopped');
      else setError(messageOf(e));
    } finally {
      if (abort.current === controller) abort.current = null;
      setRunning(false);
    }
  };

  return (
    <div class="playground">
      <form class="stack" onSubmit={e => void send(e)}>
        <div class="grid">
          <ChatModelField id="pg-model" chat={chat} chosen={chosen} setModel={setModel} />
          <div class="field">
            <label for="pg-max-tokens">Max tokens</label>
            <input id="pg-max-tokens" type="number" min="1" step="1" required value={maxTokens} onInput={e => setMaxTokens(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="pg-temperature">Temperature</label>
            <input id="pg-temperature" type="number" min="0" max="2" step="0.1" required value={temperature} onInput={e => setTemperature(e.currentTarget.value)} />
          </div>
        </div>
        <div class="field">
          <label for="pg-system">System message</label>
          <textarea id="pg-system" rows={2} value={system} onInput={e => setSystem(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="pg-user">User message</label>
          <textarea id="pg-user" rows={4} required value={user} onInput={e => setUser(e.currentTarget.value)} />
        </div>
        <div class="toolbar">
          <button type="submit" disabled={running || !chosen} data-testid="pg-send">
            {running ? 'Streaming…' : 'Send'}
          </button>
          <button type="button" class="secondary" disabled={!running} onClick={() => abort.current?.abort()} data-testid="pg-stop">
            Stop
          </button>
        </div>
      </form>
      <Alert message={modelsError ?? error} />
      <section aria-labelledby="pg-output-title">
        <h2 id="pg-output-title">Answer</h2>
        <div class="output" aria-live="polite" aria-busy={running} data-testid="pg-output" data-done={!running && (finish !== null || usage !== null)}>
          {output || (running ? '…' : '')}
        </div>
        <p class="hint" data-testid="pg-usage">
          {usage
            ? `Usage: ${formatInt(usage.prompt_tokens)} prompt + ${formatInt(usage.completion_tokens)} completion = ${formatInt(usage.total_tokens)} tokens`
            : ''}
          {finish ? ` · finished: ${finish}` : ''}
        </p>
      </section>
    </div>
  );
}
