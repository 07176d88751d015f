import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get } from '../api';
import { Alert } from '../components/Alert';
import { CopyButton } from '../components/Secret';
import { day, formatCost, formatInt, utcDay } from '../format';
import { useLoad } from '../hooks';
import type { Caller, UsageList } from '../types';
import { columnsOf, toCsv } from '../usage';

/** Usage per UTC day and model over a range (`GET /v1/usage?group_by=model`), as a table and as CSV. */
export function Usage({ caller }: { caller: Caller }) {
  const admin = caller.role === 'admin';
  const [query, setQuery] = useState({ start: utcDay(-29), end: utcDay(), owner: admin ? '*' : caller.owner });
  const [draft, setDraft] = useState(query);
  const [showCsv, setShowCsv] = useState(false);
  const csvBox = useRef<HTMLTextAreaElement>(null);
  const usage = useLoad(
    () => get<UsageList>('/v1/usage', { group_by: 'model', start: query.start, end: query.end, owner: admin ? query.owner : undefined }),
    [query.start, query.end, query.owner],
  );
  const rows = usage.data?.data ?? [];
  const columns = columnsOf(rows);
  const counters = columns.includes('errors') || columns.includes('rate_limited');
  const cached = columns.includes('cached');
  const csv = useMemo(() => (usage.data ? toCsv(usage.data.data) : ''), [usage.data]);
  const [csvUrl, setCsvUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!usage.data) return undefined;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    setCsvUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [csv, usage.data]);
  const fileName = `usage-${query.owner === '*' ? 'all-owners' : query.owner}-${query.start}-to-${query.end}.csv`;

  return (
    <>
      <p class="lead">
        Usage is kept per owner, not per key: every key of an owner adds to the same rows. Days are UTC.
      </p>
      <form
        class="inline-form"
        onSubmit={e => {
          e.preventDefault();
          setQuery({ ...draft, owner: admin ? draft.owner.trim() || '*' : caller.owner });
          usage.reload(); // the same range again reads again: usage moves while the page is open
        }}
      >
        <div class="field">
          <label for="usage-start">From</label>
          <input id="usage-start" type="date" required value={draft.start} onInput={e => {
              const value = e.currentTarget.value;
              setDraft(d => ({ ...d, start: value }));
            }} />
        </div>
        <div class="field">
          <label for="usage-end">To</label>
          <input id="usage-end" type="date" required value={draft.end} onInput={e => {
              const value = e.currentTarget.value;
              setDraft(d => ({ ...d, end: value }));
            }} />
        </div>
        {admin && (
          <div class="field">
            <label for="usage-owner">Owner (* for every owner)</label>
            <input id="usage-owner" autocomplete="off" spellcheck={false} value={draft.owner} onInput={e => {
              const value = e.currentTarget.value;
              setDraft(d => ({ ...d, owner: value }));
            }} />
          </div>
        )}
        <button type="submit" class="secondary">
          Show
        </button>
      </form>
      <Alert message={usage.error} />
      <div class="toolbar">
        {csvUrl && usage.data ? (
          <a class="button" href={csvUrl} download={fileName} data-testid="usage-download">
            Download CSV
          </a>
        ) : null}
        <button type="button" class="secondary" aria-expanded={showCsv} aria-controls="usage-csv" onClick={() => setShowCsv(!showCsv)} disabled={!usage.data}>
          {showCsv ? 'Hide CSV' : 'Show CSV'}
        </button>
      </div>
      {showCsv && (
        <div class="field">
          <label for="usage-csv">CSV of these rows</label>
          <textarea id="usage-csv" ref={csvBox} class="csv" readOnly rows={8} value={csv} data-testid="usage-csv" onFocus={e => e.currentTarget.select()} />
          <div class="toolbar">
            <CopyButton value={csv} target={csvBox} label="the CSV" />
          </div>
        </div>
      )}
      <div class="table-wrap" aria-busy={usage.loading}>
        <table data-testid="usage-table">
          <caption>
            {query.owner === '*' ? 'Every owner' : `Owner ${query.owner}`}, {query.start} to {query.end}
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Model</th>
              <th scope="col" class="num">Requests</th>
              <th scope="col" class="num">Prompt tokens</th>
              <th scope="col" class="num">Completion tokens</th>
              <th scope="col" class="num">Total tokens</th>
              <th scope="col" class="num">Cost</th>
              {counters && (
                <>
                  <th scope="col" class="num">Errors</th>
                  <th scope="col" class="num">Rate limited</th>
                </>
              )}
              {cached && (
                <th scope="col" class="num" title="Requests answered from the response cache, at the cached price">
                  Cached
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && !usage.loading && (
              <tr>
                <td colSpan={7 + (counters ? 2 : 0) + (cached ? 1 : 0)}>No usage in this range.</td>
              </tr>
            )}
            {rows.map(r => (
              <tr key={`${r.timestamp}-${r.model}`} data-testid="usage-row" data-model={r.model ?? ''}>
                <td>{day(r.timestamp)}</td>
                <td>{r.model ?? 'all models'}</td>
                <td class="num" data-testid="usage-requests">
                  {formatInt(r.requests)}
                </td>
                <td class="num">{formatInt(r.prompt_tokens)}</td>
                <td class="num">{formatInt(r.completion_tokens)}</td>
                <td class="num">{formatInt(r.total_tokens)}</td>
                <td class="num">{formatCost(r.cost)}</td>
                {counters && (
                  <>
                    <td class="num">{formatInt(r.errors ?? 0)}</td>
                    <td class="num">{formatInt(r.rate_limited ?? 0)}</td>
                  </>
                )}
                {cached && <td class="num">{formatInt(r.cached ?? 0)}</td>}
              </tr>
            ))}
          </tbody>
          {usage.data && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td class="num" data-testid="usage-total-requests">
                  {formatInt(usage.data.total.requests)}
                </td>
                <td class="num">{formatInt(usage.data.total.prompt_tokens)}</td>
                <td class="num">{formatInt(usage.data.total.completion_tokens)}</td>
                <td class="num">{formatInt(usage.data.total.total_tokens)}</td>
                <td class="num">{formatCost(usage.data.total.cost)}</td>
                {counters && (
                  <>
                    <td class="num">{formatInt(usage.data.total.errors ?? rows.reduce((s, r) => s + (r.errors ?? 0), 0))}</td>
                    <td class="num">{formatInt(usage.data.total.rate_limited ?? rows.reduce((s, r) => s + (r.rate_limited ?? 0), 0))}</td>
                  </>
                )}
                {cached && <td class="num">{formatInt(usage.data.total.cached ?? rows.reduce((s, r) => s + (r.cached ?? 0), 0))}</td>}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </>
  );
}
