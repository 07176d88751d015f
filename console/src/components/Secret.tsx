import { useRef, useState } from 'preact/hooks';

/** A secret shown this once, with a Copy button that falls back to selecting the text when the clipboard is refused. */
export function Secret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied.');
    } catch {
      const selection = window.getSelection();
      if (code.current && selection) selection.selectAllChildren(code.current);
      setCopied('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  return (
    <div class="secret">
      <span class="secret-label">{label}</span>
      <code ref={code} class="secret-value" data-testid={testId}>
        {value}
      </code>
      <button type="button" class="secondary" onClick={copy}>
        Copy<span class="visually-hidden"> {label}</span>
      </button>
      <span role="status" class="hint">
        {copied ?? ''}
      </span>
    </div>
  );
}
