import { useState } from 'preact/hooks';
import { api, get } from '../api';
import { Alert, Notice } from '../components/Alert';
import { dateTime, formatInt } from '../format';
import { useAction, useInterval, useLoad } from '../hooks';
import { href } from '../routes';
import type { Job } from '../types';

const FINAL = ['succeeded', 'failed', 'cancelled', 'expired'];

/** What a finished job answered: the message or text when it has one, else the JSON. */
function resultText(result: unknown): string {
  const choice = (result as { choices?: { message?: { content?: string }; text?: string }[] } | null)?.choices?.[0];
  return choice?.message?.content ?? choice?.text ?? JSON.stringify(result, null, 2);
}

/** One job (`GET /v1/async/completions/{id}`), refreshed every 2 s until it ends, with Cancel while queued or running. */
export function JobDetail({ id }: { id: string }) {
  const [round, setRound] = useState(0);
  const job = useLoad(() => get<Job>(`/v1/async/completions/${encodeURIComponent(id)}`), [id, round]);
  const cancel = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const value = job.data;
  const live = value !== null && !FINAL.includes(value.status);
  useInterval(() => {
    if (live) setRound(r => r + 1);
  }, 2000);

  return (
    <>
      <p>
        <a href={href('jobs')}>← All jobs</a>
      </p>
      <Alert message={job.error} />
      {value && (
        <>
          <dl class="facts" data-testid="job-detail" data-status={value.status}>
            <div>
              <dt>Job</dt>
              <dd>
                <code>{value.id}</code>
              </dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <span class={`badge ${value.status}`} data-testid="job-status" aria-live="polite">
                  {value.status}
                </span>
              </dd>
            </div>
            <div>
              <dt>Model</dt>
              <dd>{value.model}</dd>
            </div>
            <div>
              <dt>Endpoint</dt>
              <dd>{value.endpoint}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{dateTime(value.created)}</dd>
            </div>
            <div>
              <dt>Started</dt>
              <dd>{dateTime(value.started_at)}</dd>
            </div>
            <div>
              <dt>Completed</dt>
              <dd>{dateTime(value.completed_at)}</dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>{dateTime(value.expires_at)}</dd>
            </div>
            <div>
              <dt>Usage</dt>
              <dd data-testid="job-usage">
                {value.usage
                  ? `${formatInt(value.usage.prompt_tokens)} prompt + ${formatInt(value.usage.completion_tokens)} completion = ${formatInt(value.usage.total_tokens)} tokens`
                  : '—'}
              </dd>
            </div>
            <div>
              <dt>Webhook</dt>
              <dd>{value.webhook ?? '—'}</dd>
            </div>
          </dl>
          {live && (
            <button
              type="button"
              class="danger"
              disabled={cancel.busy}
              data-testid="cancel-job"
              onClick={() =>
                void cancel.run(async () => {
                  await api<Job>('POST', `/v1/async/completions/${encodeURIComponent(value.id)}/cancel`);
                  setNotice('Cancel requested: the job ends cancelled (a running one at its next step, billed for what it generated).');
                  setRound(r => r + 1);
                })
              }
            >
              Cancel job
            </button>
          )}
          <Notice message={notice} />
          <Alert message={cancel.error} />
          {value.error && (
            <p class="alert" role="alert">
              {value.error.code}: {value.error.message}
            </p>
          )}
          {value.result !== undefined && value.result !== null && (
            <section aria-labelledby="job-result-title">
              <h2 id="job-result-title">Result</h2>
              <pre class="output" data-testid="job-result">
                {resultText(value.result)}
              </pre>
            </section>
          )}
          <section aria-labelledby="deliveries-title">
            <h2 id="deliveries-title">Webhook deliveries</h2>
            {value.webhook_deliveries && value.webhook_deliveries.length > 0 ? (
              <div class="table-wrap">
                <table data-testid="webhook-deliveries">
                  <thead>
                    <tr>
                      <th scope="col" class="num">Attempt</th>
                      <th scope="col">At</th>
                      <th scope="col">Status</th>
                      <th scope="col">Error</th>
                      <th scope="col" class="num">Duration (ms)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {value.webhook_deliveries.map(d => (
                      <tr key={d.attempt}>
                        <td class="num">{d.attempt}</td>
                        <td>{dateTime(d.at)}</td>
                        <td>{d.status_code ?? '—'}</td>
                        <td>{d.error ?? '—'}</td>
                        <td class="num">{formatInt(d.duration_ms)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{value.webhook ? 'No delivery yet: the webhook is called when the job ends.' : 'This job has no webhook.'}</p>
            )}
          </section>
        </>
      )}
    </>
  );
}
