import { useState } from 'preact/hooks';
import { get } from '../api';
import { Alert } from '../components/Alert';
import { formatCost, formatInt } from '../format';
import { useInterval, useLoad } from '../hooks';
import type { QuotaLine, QuotaView } from '../types';

const REFRESH_MS = 5000;

const NAMES: Record<string, string> = {
  rpm: 'Requests this minute',
  tpm: 'Tokens this minute',
  rpd: 'Requests today',
  tpd: 'Tokens today',
  concurrency: 'Requests in flight',
  budget: 'Spend today',
  jobs: 'Async jobs queued or running',
};

/** The caller's limits and what is left of each (`GET /v1/quota`), refreshed every 5 s while the page is open. */
export function Quota() {
  const [round, setRound] = useState(0);
  const quota = useLoad(() => get<QuotaView>('/v1/quota'), [round]);
  useInterval(() => setRound(r => r + 1), REFRESH_MS);
  const view = quota.data;
  return (
    <>
      {view && (
        <p class="lead">
          Key <code>{view.key_id}</code> of owner <strong>{view.owner}</strong>, tier <strong>{view.tier}</strong>. Refreshed every{' '}
          {REFRESH_MS / 1000} s; minutes and days are UTC.
        </p>
      )}
      <Alert message={quota.error} />
      {view && view.usage.length === 0 && <p>This key has no limits.</p>}
      <ul class="meters" data-testid="quota" aria-busy={quota.loading}>
        {view?.usage.map(line => (
          <Meter key={line.limit} line={line} />
        ))}
      </ul>
    </>
  );
}

function Meter({ line }: { line: QuotaLine }) {
  // The budget is counted in millionths of the price table's currency.
  const show = (n: number) => (line.limit === 'budget' ? formatCost(n / 1_000_000) : formatInt(n));
  const left = line.value > 0 ? Math.max(0, Math.min(1, line.remaining / line.value)) : 0;
  const id = `quota-${line.limit}`;
  const low = left < 0.2;
  return (
    <li class="meter-item" data-testid={id} data-remaining={line.remaining} data-value={line.value}>
      <div class="meter-head">
        <span id={`${id}-label`} class="meter-name">
          {NAMES[line.limit] ?? line.limit} <span class="muted">({line.limit})</span>
        </span>
        <span class="meter-text" data-testid={`${id}-text`}>
          {show(line.remaining)} of {show(line.value)} left
        </span>
      </div>
      <div
        class="meter"
        role="meter"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={line.value}
        aria-valuenow={line.remaining}
        aria-valuetext={`${show(line.remaining)} of ${show(line.value)} left`}
      >
        <div class={low ? 'meter-fill low' : 'meter-fill'} style={{ width: `${(left * 100).toFixed(1)}%` }} />
      </div>
      <div class="hint">
        Used {show(line.used)}
        {line.resets_at ? ` · resets ${new Date(line.resets_at * 1000).toISOString().slice(11, 19)} UTC` : ''}
      </div>
    </li>
  );
}
