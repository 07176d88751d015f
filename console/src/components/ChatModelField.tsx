import { useState } from 'preact/hooks';
import { get } from '../api';
import { useLoad } from '../hooks';
import type { ListOf, Model } from '../types';

/** The chat-capable models (`GET /v1/models`), the one chosen (the first until the user picks), and any load error. */
export function useChatModel() {
  const models = useLoad(() => get<ListOf<Model>>('/v1/models'), []);
  const chat = models.data?.data.filter(m => m.capabilities.chat) ?? [];
  const [model, setModel] = useState('');
  return { chat, chosen: model || chat[0]?.id || '', setModel, error: models.error };
}

/** A labelled select of the chat-capable models. */
export function ChatModelField({ id, chat, chosen, setModel }: { id: string } & Omit<ReturnType<typeof useChatModel>, 'error'>) {
  return (
    <div class="field">
      <label for={id}>Model</label>
      <select id={id} value={chosen} onChange={e => setModel(e.currentTarget.value)}>
        {chat.map(m => (
          <option key={m.id} value={m.id}>
            {m.id}
          </option>
        ))}
      </select>
    </div>
  );
}
