import { useState } from 'preact/hooks';
import { api, get } from '../api';
import { Alert, Notice } from '../components/Alert';
import { describeLimits, draftOf, LimitFields, limitsOf, type LimitDraft } from '../components/LimitFields';
import { Secret } from '../components/Secret';
import { dateTime } from '../format';
import { useAction, useFocusOnMount, useLoad } from '../hooks';
import type { KeyObject, ListOf } from '../types';

const SCOPES = ['completions', 'chat', 'embeddings', 'jobs', 'usage', 'admin'] as const;

/** Comma- or space-separated text as a list; empty text is none. */
const listOf = (text: string): string[] => text.split(/[\s,]+/).filter(s => s.length > 0);

interface Issued {
  title: string;
  key: KeyObject;
}

/** Admin: list keys (`GET /v1/admin/keys`), create, rotate, revoke and change limits. */
export function Keys() {
  const [owner, setOwner] = useState('');
  const [ownerDraft, setOwnerDraft] = useState('');
  const keys = useLoad(() => get<ListOf<KeyObject>>('/v1/admin/keys', { owner }), [owner]);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const shown = (next: Issued) => {
    setIssued(next);
    setNotice(null);
    keys.reload();
  };

  return (
    <>
      {issued && <IssuedSecret key={`${issued.key.id}-${issued.key.key}`} issued={issued} onDone={() => setIssued(null)} />}
      <CreateKey onCreated={key => shown({ title: `Key “${key.name}” created`, key })} />
      <section aria-labelledby="keys-list-title">
        <h2 id="keys-list-title">Keys</h2>
        <form
          class="inline-form"
          role="search"
          onSubmit={e => {
            e.preventDefault();
            setOwner(ownerDraft.trim());
          }}
        >
          <div class="field">
            <label for="keys-owner">Owner (empty for all)</label>
            <input id="keys-owner" autocomplete="off" spellcheck={false} value={ownerDraft} onInput={e => setOwnerDraft(e.currentTarget.value)} />
          </div>
          <button type="submit" class="secondary">
            Filter
          </button>
        </form>
        <Notice message={notice} />
        <Alert message={keys.error} />
        <div class="table-wrap" aria-busy={keys.loading}>
          <table data-testid="keys-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Owner</th>
                <th scope="col">Role</th>
                <th scope="col">Tier</th>
                <th scope="col">Limits</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {keys.data?.data.length === 0 && (
                <tr>
                  <td colSpan={9}>No keys.</td>
                </tr>
              )}
              {keys.data?.data.map(key => (
                <KeyRow
                  key={key.id}
                  item={key}
                  onRotated={rotated => shown({ title: `Key “${rotated.name}” rotated`, key: rotated })}
                  onChanged={message => {
                    setNotice(message);
                    keys.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function IssuedSecret({ issued, onDone }: { issued: Issued; onDone: () => void }) {
  const title = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="card secret-card" aria-labelledby="issued-title" data-testid="new-secret">
      <h2 id="issued-title" tabIndex={-1} ref={title}>
        {issued.title}
      </h2>
      <p class="warning">Copy the secret now: it is shown this once and cannot be shown again. Only its last four characters are kept.</p>
      {issued.key.key && <Secret label="API key" value={issued.key.key} testId="new-secret-value" />}
      {issued.key.webhook_secret && <Secret label="Webhook signing secret" value={issued.key.webhook_secret} testId="new-webhook-secret-value" />}
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}

function CreateKey({ onCreated }: { onCreated: (key: KeyObject) => void }) {
  const empty = { name: '', owner: '', role: 'user', tier: '', models: '', ip: '', expiresIn: '', webhook: '' };
  const [form, setForm] = useState(empty);
  const [scopes, setScopes] = useState<string[]>([]);
  const [limits, setLimits] = useState<LimitDraft>(draftOf(null));
  const action = useAction();
  const set = (field: keyof typeof empty) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) => {
    // Read now: several fields may change before the next render (autofill, a paste), so each update builds on the last.
    const value = e.currentTarget.value;
    setForm(f => ({ ...f, [field]: value }));
  };

  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const body: Record<string, unknown> = { name: form.name.trim(), owner: form.owner.trim(), role: form.role };
      if (form.tier.trim()) body['tier'] = form.tier.trim();
      if (scopes.length > 0) body['scopes'] = scopes;
      if (form.models.trim()) body['models'] = listOf(form.models);
      if (form.ip.trim()) body['ip_allowlist'] = listOf(form.ip);
      if (form.expiresIn.trim()) body['expires_in'] = Number(form.expiresIn);
      if (form.webhook.trim()) body['webhook'] = form.webhook.trim();
      const chosen = limitsOf(limits);
      if (chosen) body['limits'] = chosen;
      const key = await api<KeyObject>('POST', '/v1/admin/keys', body);
      setForm(empty);
      setScopes([]);
      setLimits(draftOf(null));
      onCreated(key);
    });
  };

  return (
    <details class="card" data-testid="create-key">
      <summary>
        <h2>Create a key</h2>
      </summary>
      <form onSubmit={submit} class="stack">
        <div class="grid">
          <div class="field">
            <label for="key-name">Name</label>
            <input id="key-name" required maxLength={200} value={form.name} onInput={set('name')} />
          </div>
          <div class="field">
            <label for="key-owner">Owner</label>
            <input id="key-owner" required maxLength={200} autocomplete="off" spellcheck={false} value={form.owner} onInput={set('owner')} />
          </div>
          <div class="field">
            <label for="key-role">Role</label>
            <select id="key-role" value={form.role} onChange={set('role')}>
              <option value="user">user</option>
              <option value="reader">reader</option>
              <option value="admin">admin</option>
            </select>
          </div>
          <div class="field">
            <label for="key-tier">Tier (empty: default)</label>
            <input id="key-tier" value={form.tier} onInput={set('tier')} />
          </div>
          <div class="field">
            <label for="key-models">Models (comma-separated; empty: all)</label>
            <input id="key-models" value={form.models} onInput={set('models')} />
          </div>
          <div class="field">
            <label for="key-ip">IP allow list (addresses or CIDR; empty: any)</label>
            <input id="key-ip" value={form.ip} onInput={set('ip')} />
          </div>
          <div class="field">
            <label for="key-expires">Expires in (seconds; empty: never)</label>
            <input id="key-expires" type="number" min="1" step="1" value={form.expiresIn} onInput={set('expiresIn')} />
          </div>
          <div class="field">
            <label for="key-webhook">Default webhook URL (optional)</label>
            <input id="key-webhook" type="url" value={form.webhook} onInput={set('webhook')} />
          </div>
        </div>
        <fieldset class="scopes">
          <legend>Scopes (none ticked: every scope the role allows)</legend>
          {SCOPES.map(scope => (
            <label key={scope} class="check">
              <input
                type="checkbox"
                id={`key-scope-${scope}`}
                checked={scopes.includes(scope)}
                onChange={e => {
                  const checked = e.currentTarget.checked;
                  setScopes(s => (checked ? [...s.filter(x => x !== scope), scope] : s.filter(x => x !== scope)));
                }}
              />
              {scope}
            </label>
          ))}
        </fieldset>
        <LimitFields prefix="key-limit" draft={limits} onChange={setLimits} />
        <Alert message={action.error} />
        <div>
          <button type="submit" disabled={action.busy} data-testid="create-key-submit">
            {action.busy ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
    </details>
  );
}

type Mode = 'view' | 'edit' | 'revoke';

function KeyRow({ item, onRotated, onChanged }: { item: KeyObject; onRotated: (key: KeyObject) => void; onChanged: (message: string) => void }) {
  const [mode, setMode] = useState<Mode>('view');
  const [limits, setLimits] = useState<LimitDraft>(draftOf(item.limits));
  const action = useAction();
  const active = item.status === 'active';

  const rotate = () =>
    action.run(async () => {
      onRotated(await api<KeyObject>('POST', `/v1/admin/keys/${encodeURIComponent(item.id)}/rotate`, { grace_period_seconds: null }));
    });
  const revoke = () =>
    action.run(async () => {
      await api<KeyObject>('DELETE', `/v1/admin/keys/${encodeURIComponent(item.id)}`);
      setMode('view');
      onChanged(`Key “${item.name}” revoked.`);
    });
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      // A PATCH's limits replace the key's: every field is sent, empty ones as null.
      await api<KeyObject>('PATCH', `/v1/admin/keys/${encodeURIComponent(item.id)}`, { limits: limitsOf(limits) ?? {} });
      setMode('view');
      onChanged(`Limits of “${item.name}” saved.`);
    });
  };

  return (
    <>
      <tr data-testid="key-row" data-key-id={item.id} data-key-name={item.name}>
        <td>{item.name}</td>
        <td>
          <code>{item.id}</code>
          <div class="hint">…{item.last_four}</div>
        </td>
        <td>{item.owner}</td>
        <td>{item.role}</td>
        <td>{item.tier}</td>
        <td>{describeLimits(item.limits)}</td>
        <td>
          <span class={`badge ${item.status}`}>{item.status}</span>
        </td>
        <td>{item.expires_at ? dateTime(item.expires_at) : 'never'}</td>
        <td class="actions">
          {active && mode === 'view' && (
            <>
              <button type="button" class="secondary small" onClick={() => setMode('edit')} aria-label={`Edit limits of ${item.name}`}>
                Edit limits
              </button>
              <button type="button" class="secondary small" disabled={action.busy} onClick={() => void rotate()} aria-label={`Rotate ${item.name}`}>
                Rotate
              </button>
              <button type="button" class="danger small" onClick={() => setMode('revoke')} aria-label={`Revoke ${item.name}`}>
                Revoke
              </button>
            </>
          )}
          {mode === 'revoke' && <ConfirmRevoke name={item.name} busy={action.busy} onYes={() => void revoke()} onNo={() => setMode('view')} />}
          <Alert message={action.error} />
        </td>
      </tr>
      {mode === 'edit' && (
        <tr class="edit-row">
          <td colSpan={9}>
            <form onSubmit={save} class="stack" aria-label={`Limits of ${item.name}`}>
              <LimitFields prefix={`edit-${item.id}`} draft={limits} onChange={setLimits} />
              <div class="toolbar">
                <button type="submit" disabled={action.busy}>
                  Save limits
                </button>
                <button type="button" class="secondary" onClick={() => setMode('view')}>
                  Cancel
                </button>
              </div>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}

function ConfirmRevoke({ name, busy, onYes, onNo }: { name: string; busy: boolean; onYes: () => void; onNo: () => void }) {
  const yes = useFocusOnMount<HTMLButtonElement>();
  return (
    <div role="group" aria-label={`Revoke ${name}?`} class="confirm">
      <span>Revoke now? Calls with it fail at once.</span>
      <button type="button" class="danger small" disabled={busy} onClick={onYes} ref={yes} data-testid="confirm-revoke">
        Yes, revoke
      </button>
      <button type="button" class="secondary small" onClick={onNo}>
        Keep it
      </button>
    </div>
  );
}
