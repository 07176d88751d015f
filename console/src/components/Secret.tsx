import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';

/**
 * Copies `value` to the clipboard; where the browser refuses (no permission, an insecure origin), selects the text
 * of `target` instead and says how to copy it.
 */
export function CopyButton({ value, target, label }: { value: string; target: RefObject<HTMLElement | null>; label: string }) {
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setSaid('Copied.');
    } catch {
      const element = target.current;
      if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
        element.select();
      } else if (element) {
        window.getSelection()?.selectAllChildren(element);
      }
      setSaid('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  return (
    <>
      <button type="button" class="secondary" onClick={() => void copy()}>
        Copy<span class="visually-hidden"> {label}</span>
      </button>
      <span role="status" class="hint">
        {said}
      </span>
    </>
  );
}

/** A secret shown this once, with a Copy button. */
export function Secret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const code = useRef<HTMLElement>(null);
  return (
    <div class="secret">
      <span class="secret-label">{label}</span>
      <code ref={code} class="secret-value" data-testid={testId}>
        {value}
      </code>
      <CopyButton value={value} target={code} label={label} />
    </div>
  );
}
