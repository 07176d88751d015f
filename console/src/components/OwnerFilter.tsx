import { useState } from 'preact/hooks';

/** An admin's owner filter: a name, or `*` for every owner summed. Applied on submit. */
export function OwnerFilter({ id, owner, onApply }: { id: string; owner: string; onApply: (owner: string) => void }) {
  const [text, setText] = useState(owner);
  return (
    <form
      class="inline-form"
      role="search"
      onSubmit={e => {
        e.preventDefault();
        onApply(text.trim() || '*');
      }}
    >
      <div class="field">
        <label for={id}>Owner (* for every owner)</label>
        <input id={id} value={text} autocomplete="off" spellcheck={false} onInput={e => setText(e.currentTarget.value)} />
      </div>
      <button type="submit" class="secondary">
        Show
      </button>
    </form>
  );
}
