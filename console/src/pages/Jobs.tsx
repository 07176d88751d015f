import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../api';
import { Alert } from '../components/Alert';
import { ChatModelField, useChatModel } from '../components/ChatModelField';
import { dateTime, formatInt } from '../format';
import { useAction, useLoad } from '../hooks';
import { href, navigate } from '../routes';
import type { Caller, Job, JobList } from '../types';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired'] as const;
const PAGE = 50;

/**
 * The caller's owner's async jobs, newest first (`GET /v1/async/completions`, a page of 50 at a time, filtered by
 * status in the API; an admin may name an owner).
 */
export function Jobs({ caller }: { caller: Caller }) {
  const admin = caller.role === 'admin';
  const [owner, setOwner] = useState('');
  const [ownerDraft, setOwnerDraft] = useState('');
  const [status, setStatus] = useState('');
  const [pages, setPages] = useState<Job[][]>([]);
  const [more, setMore] = useState<string | null>(null);
  const query = { limit: PAGE, status: status || undefined, owner: admin && owner ? owner : undefined };
  const first = useLoad(() => get<JobList>('/v1/async/completions', query), [owner, status]);
  // A fresh first page (a new owner, Refresh) starts the list again.
  useEffect(() => {
    if (!first.data) return;
    setPages([first.data.data]);
    setMore(first.data.has_more ? first.data.last_id : null);
  }, [first.data]);
  const next = useAction();
  const shown = pages.flat();

  return (
    <>
      <SubmitJob />
      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">Jobs</h2>
        <div class="inline-form">
          <div class="field">
            <label for="jobs-status">Status</label>
            <select id="jobs-status" value={status} onChange={e => setStatus(e.currentTarget.value)}>
              <option value="">Any</option>
              {STATUSES.map(s => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          {admin && (
            <form
              class="inline-form"
              role="search"
              onSubmit={e => {
                e.preventDefault();
                setOwner(ownerDraft.trim());
              }}
            >
              <div class="field">
                <label for="jobs-owner">Owner (empty: yours)</label>
                <input id="jobs-owner" autocomplete="off" spellcheck={false} value={ownerDraft} onInput={e => setOwnerDraft(e.currentTarget.value)} />
              </div>
              <button type="submit" class="secondary">
                Show
              </button>
            </form>
          )}
          <button type="button" class="secondary" onClick={first.reload}>
            Refresh
          </button>
        </div>
        <Alert message={first.error ?? next.error} />
        <div class="table-wrap" aria-busy={first.loading}>
          <table data-testid="jobs-table">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Status</th>
                <th scope="col">Model</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Created</th>
                <th scope="col" class="num">Tokens</th>
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 && !first.loading && (
                <tr>
                  <td colSpan={6}>{status ? `No ${status} jobs.` : 'No jobs yet.'}</td>
                </tr>
              )}
              {shown.map(job => (
                <tr key={job.id} data-testid="job-row" data-job-id={job.id} data-status={job.status}>
                  <td>
                    <a href={href('jobs', job.id)}>
                      <code>{job.id}</code>
                    </a>
                  </td>
                  <td>
                    <span class={`badge ${job.status}`}>{job.status}</span>
                  </td>
                  <td>{job.model}</td>
                  <td>{job.endpoint}</td>
                  <td>{dateTime(job.created)}</td>
                  <td class="num">{formatInt(job.usage?.total_tokens)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {more && (
          <button
            type="button"
            class="secondary"
            disabled={next.busy}
            onClick={() =>
              void next.run(async () => {
                const list = await get<JobList>('/v1/async/completions', { ...query, after: more });
                setPages([...pages, list.data]);
                setMore(list.has_more ? list.last_id : null);
              })
            }
          >
            Load more
          </button>
        )}
      </section>
    </>
  );
}

/** A small form for a chat job (`POST /v1/async/chat/completions`); on success the job's page opens. */
function SubmitJob() {
  const { chat, chosen, setModel, error: modelsError } = useChatModel();
  const [message, setMessage] = useState('');
  const [maxTokens, setMaxTokens] = useState('64');
  const [webhook, setWebhook] = useState('');
  const action = useAction();
  return (
    <details class="card" data-testid="submit-job">
      <summary>
        <h2>Submit a chat job</h2>
      </summary>
      <form
        class="stack"
        onSubmit={e => {
          e.preventDefault();
          void action.run(async () => {
            const body: Record<string, unknown> = { model: chosen, messages: [{ role: 'user', content: message }], max_tokens: Number(maxTokens) };
            if (webhook.trim()) body['webhook'] = webhook.trim();
            const job = await api<Job>('POST', '/v1/async/chat/completions', body);
            navigate('jobs', job.id);
          });
        }}
      >
        <div class="grid">
          <ChatModelField id="job-model" chat={chat} chosen={chosen} setModel={setModel} />
          <div class="field">
            <label for="job-max-tokens">Max tokens</label>
            <input id="job-max-tokens" type="number" min="1" step="1" required value={maxTokens} onInput={e => setMaxTokens(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="job-webhook">Webhook URL (optional)</label>
            <input id="job-webhook" type="url" value={webhook} onInput={e => setWebhook(e.currentTarget.value)} />
          </div>
        </div>
        <div class="field">
          <label for="job-message">Message</label>
          <textarea id="job-message" rows={3} required value={message} onInput={e => setMessage(e.currentTarget.value)} />
        </div>
        <Alert message={modelsError ?? action.error} />
        <div>
          <button type="submit" disabled={action.busy || !chosen} data-testid="submit-job-button">
            {action.busy ? 'Submitting…' : 'Submit job'}
          </button>
        </div>
      </form>
    </details>
  );
}
