import { LIMIT_FIELDS, type LimitField, type Limits, type Priority } from '../types';

export const LIMIT_LABELS: Record<LimitField, string> = {
  rpm: 'Requests per minute (rpm)',
  tpm: 'Tokens per minute (tpm)',
  rpd: 'Requests per day (rpd)',
  tpd: 'Tokens per day (tpd)',
  max_concurrency: 'Max concurrency',
  budget: 'Budget per day',
  max_jobs: 'Max jobs',
};

/** Limit fields as typed: empty means "not set" (the tier's applies); the service settings as chosen, empty likewise. */
export type LimitDraft = Record<LimitField, string> & { priority: '' | Priority; response_cache: '' | 'on' | 'off' };

export const draftOf = (limits: Limits | null | undefined): LimitDraft => ({
  ...(Object.fromEntries(LIMIT_FIELDS.map(f => [f, limits?.[f] === null || limits?.[f] === undefined ? '' : String(limits[f])])) as Record<LimitField, string>),
  priority: limits?.priority ?? '',
  response_cache: limits?.response_cache === true ? 'on' : limits?.response_cache === false ? 'off' : '',
});

/** The limits to send, or null when none is set; settings the form left alone are kept as they were. */
export function limitsOf(draft: LimitDraft): Limits | null {
  const limits: Limits = {};
  let any = false;
  for (const field of LIMIT_FIELDS) {
    const text = draft[field].trim();
    if (text === '') continue;
    limits[field] = Number(text);
    any = true;
  }
  if (draft.priority !== '') {
    limits.priority = draft.priority;
    any = true;
  }
  if (draft.response_cache !== '') {
    limits.response_cache = draft.response_cache === 'on';
    any = true;
  }
  return any ? limits : null;
}

/** A summary like `rpm 20 · tpd 5,000 · priority high · cache on`, or a dash when nothing is set. */
export function describeLimits(limits: Limits | null | undefined): string {
  const parts = LIMIT_FIELDS.filter(f => limits?.[f] !== null && limits?.[f] !== undefined).map(f => `${f} ${limits![f]!.toLocaleString('en-US')}`);
  if (limits?.priority) parts.push(`priority ${limits.priority}`);
  if (limits?.response_cache !== null && limits?.response_cache !== undefined) parts.push(`cache ${limits.response_cache ? 'on' : 'off'}`);
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** One labelled number input per limit, ids prefixed with `prefix`. */
export function LimitFields({ prefix, draft, onChange }: { prefix: string; draft: LimitDraft; onChange: (update: (draft: LimitDraft) => LimitDraft) => void }) {
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
            onInput={e => {
              const value = e.currentTarget.value;
              onChange(d => ({ ...d, [field]: value }));
            }}
          />
        </div>
      ))}
      <div class="field">
        <label for={`${prefix}-priority`}>Priority when the worker is busy</label>
        <select
          id={`${prefix}-priority`}
          name="priority"
          value={draft.priority}
          onChange={e => {
            const value = e.currentTarget.value as LimitDraft['priority'];
            onChange(d => ({ ...d, priority: value }));
          }}
        >
          <option value="">Not set (the tier's; normal)</option>
          <option value="high">High</option>
          <option value="normal">Normal</option>
          <option value="low">Low</option>
        </select>
      </div>
      <div class="field">
        <label for={`${prefix}-response-cache`}>Response cache</label>
        <select
          id={`${prefix}-response-cache`}
          name="response_cache"
          value={draft.response_cache}
          onChange={e => {
            const value = e.currentTarget.value as LimitDraft['response_cache'];
            onChange(d => ({ ...d, response_cache: value }));
          }}
        >
          <option value="">Not set (the tier's; off)</option>
          <option value="on">On: repeats of deterministic requests are answered from the cache</option>
          <option value="off">Off</option>
        </select>
      </div>
    </fieldset>
  );
}
