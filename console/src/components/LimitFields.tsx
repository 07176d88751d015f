import { LIMIT_FIELDS, type LimitField, type Limits } from '../types';

export const LIMIT_LABELS: Record<LimitField, string> = {
  rpm: 'Requests per minute (rpm)',
  tpm: 'Tokens per minute (tpm)',
  rpd: 'Requests per day (rpd)',
  tpd: 'Tokens per day (tpd)',
  max_concurrency: 'Max concurrency',
  budget: 'Budget per day',
  max_jobs: 'Max jobs',
};

/** Limit fields as typed: empty means "not set" (the tier's applies). */
export type LimitDraft = Record<LimitField, string>;

export const draftOf = (limits: Limits | null | undefined): LimitDraft =>
  Object.fromEntries(LIMIT_FIELDS.map(f => [f, limits?.[f] === null || limits?.[f] === undefined ? '' : String(limits[f])])) as LimitDraft;

/** The limits to send, or null when none is set. */
export function limitsOf(draft: LimitDraft): Limits | null {
  const limits: Limits = {};
  let any = false;
  for (const field of LIMIT_FIELDS) {
    const text = draft[field].trim();
    if (text === '') continue;
    limits[field] = Number(text);
    any = true;
  }
  return any ? limits : null;
}

/** A summary like `rpm 20 · tpd 5,000`, or a dash when nothing is set. */
export function describeLimits(limits: Limits | null | undefined): string {
  const parts = LIMIT_FIELDS.filter(f => limits?.[f] !== null && limits?.[f] !== undefined).map(f => `${f} ${limits![f]!.toLocaleString('en-US')}`);
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** One labelled number input per limit, ids prefixed with `prefix`. */
export function LimitFields({ prefix, draft, onChange }: { prefix: string; draft: LimitDraft; onChange: (draft: LimitDraft) => void }) {
  return (
    <fieldset class="limits">
      <legend>Limits (empty: the tier's)</legend>
      {LIMIT_FIELDS.map(field => (
        <div class="field" key={field}>
          <label for={`${prefix}-${field}`}>{LIMIT_LABELS[field]}</label>
          <input
            id={`${prefix}-${field}`}
            name={field}
            type="number"
            min="0"
            step={field === 'budget' ? 'any' : '1'}
            inputMode={field === 'budget' ? 'decimal' : 'numeric'}
            value={draft[field]}
            onInput={e => onChange({ ...draft, [field]: e.currentTarget.value })}
          />
        </div>
      ))}
    </fieldset>
  );
}
