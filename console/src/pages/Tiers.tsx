import { useState } from 'preact/hooks';
import { api, get } from '../api';
import { Alert, Notice } from '../components/Alert';
import { describeLimits, draftOf, LimitFields, limitsOf, type LimitDraft } from '../components/LimitFields';
import { dateTime } from '../format';
import { useAction, useLoad } from '../hooks';
import type { ListOf, Limits, Price, Tier } from '../types';

/** Admin: tiers (`/v1/admin/tiers`, PUT `/v1/admin/tiers/{name}`) and model prices (`/v1/admin/prices`, PUT/DELETE `/v1/admin/prices/{model}`). */
export function Tiers() {
  return (
    <>
      <TierSection />
      <PriceSection />
    </>
  );
}

function TierSection() {
  const tiers = useLoad(() => get<ListOf<Tier>>('/v1/admin/tiers'), []);
  const [editing, setEditing] = useState<Tier | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="tiers-title">
      <h2 id="tiers-title">Tiers</h2>
      <p class="hint">A key's own limits override its tier's; a tier may set tighter limits per model.</p>
      <Notice message={notice} />
      <Alert message={tiers.error} />
      <div class="table-wrap" aria-busy={tiers.loading}>
        <table data-testid="tiers-table">
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col">Limits</th>
              <th scope="col">Per-model limits</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tiers.data?.data.length === 0 && (
              <tr>
                <td colSpan={4}>No tier has a row yet: `default` uses the deployment's default limits.</td>
              </tr>
            )}
            {tiers.data?.data.map(tier => (
              <tr key={tier.name} data-testid="tier-row" data-tier={tier.name}>
                <th scope="row">{tier.name}</th>
                <td>{describeLimits(tier.limits)}</td>
                <td>
                  {Object.entries(tier.model_limits).map(([model, limits]) => (
                    <div key={model}>
                      {model}: {describeLimits(limits)}
                    </div>
                  ))}
                </td>
                <td>
                  <button type="button" class="secondary small" onClick={() => setEditing(tier)} aria-label={`Edit tier ${tier.name}`}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" class="secondary" onClick={() => setEditing({ name: '', limits: {}, model_limits: {} })}>
        New tier
      </button>
      {editing && (
        <TierForm
          key={editing.name || 'new'}
          tier={editing}
          onDone={saved => {
            setEditing(null);
            if (saved) {
              setNotice(`Tier “${saved}” saved.`);
              tiers.reload();
            }
          }}
        />
      )}
    </section>
  );
}

function TierForm({ tier, onDone }: { tier: Tier; onDone: (saved: string | null) => void }) {
  const [name, setName] = useState(tier.name);
  const [limits, setLimits] = useState<LimitDraft>(draftOf(tier.limits));
  const [modelLimits, setModelLimits] = useState(Object.keys(tier.model_limits).length > 0 ? JSON.stringify(tier.model_limits, null, 2) : '');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      let perModel: Record<string, Limits> = {};
      if (modelLimits.trim()) {
        try {
          perModel = JSON.parse(modelLimits) as Record<string, Limits>;
        } catch {
          throw new Error('Per-model limits must be JSON, e.g. {"gpt2-tiny": {"rpm": 10}}.');
        }
      }
      await api<Tier>('PUT', `/v1/admin/tiers/${encodeURIComponent(name.trim())}`, { limits: limitsOf(limits) ?? {}, model_limits: perModel });
      onDone(name.trim());
    });
  };
  return (
    <form class="card stack" onSubmit={submit} aria-label={tier.name ? `Edit tier ${tier.name}` : 'New tier'}>
      <h3>{tier.name ? `Edit tier ${tier.name}` : 'New tier'}</h3>
      <div class="field">
        <label for="tier-name">Tier name</label>
        <input id="tier-name" required value={name} readOnly={tier.name !== ''} onInput={e => setName(e.currentTarget.value)} />
      </div>
      <LimitFields prefix="tier-limit" draft={limits} onChange={setLimits} />
      <div class="field">
        <label for="tier-model-limits">Per-model limits (JSON, model → limits)</label>
        <textarea id="tier-model-limits" rows={4} spellcheck={false} value={modelLimits} onInput={e => setModelLimits(e.currentTarget.value)} />
      </div>
      <Alert message={action.error} />
      <div class="toolbar">
        <button type="submit" disabled={action.busy}>
          Save tier
        </button>
        <button type="button" class="secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function PriceSection() {
  const prices = useLoad(() => get<ListOf<Price>>('/v1/admin/prices'), []);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (message: string) => {
    setNotice(message);
    prices.reload();
  };
  return (
    <section aria-labelledby="prices-title">
      <h2 id="prices-title">Prices</h2>
      <p class="hint">Per 1,000 tokens. A model without a price is refused for every key below admin.</p>
      <Notice message={notice} />
      <Alert message={prices.error} />
      <div class="table-wrap" aria-busy={prices.loading}>
        <table data-testid="prices-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" class="num">Input / 1K</th>
              <th scope="col" class="num">Output / 1K</th>
              <th scope="col">Updated</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {prices.data?.data.map(price => (
              <PriceRow key={`${price.model}-${price.updated_at}`} price={price} onChanged={changed} />
            ))}
          </tbody>
        </table>
      </div>
      <PriceForm onSaved={model => changed(`Price of ${model} saved.`)} />
    </section>
  );
}

function PriceRow({ price, onChanged }: { price: Price; onChanged: (message: string) => void }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [input, setInput] = useState(String(price.input_per_1k));
  const [output, setOutput] = useState(String(price.output_per_1k));
  const action = useAction();
  const path = `/v1/admin/prices/${encodeURIComponent(price.model)}`;
  const id = `price-${price.model.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <tr data-testid="price-row" data-model={price.model}>
      <th scope="row">{price.model}</th>
      {mode === 'edit' ? (
        <>
          <td class="num">
            <label class="visually-hidden" for={`${id}-in`}>
              Input price per 1K tokens of {price.model}
            </label>
            <input id={`${id}-in`} type="number" min="0" step="any" value={input} onInput={e => setInput(e.currentTarget.value)} />
          </td>
          <td class="num">
            <label class="visually-hidden" for={`${id}-out`}>
              Output price per 1K tokens of {price.model}
            </label>
            <input id={`${id}-out`} type="number" min="0" step="any" value={output} onInput={e => setOutput(e.currentTarget.value)} />
          </td>
        </>
      ) : (
        <>
          <td class="num">{price.input_per_1k}</td>
          <td class="num">{price.output_per_1k}</td>
        </>
      )}
      <td>{dateTime(price.updated_at)}</td>
      <td class="actions">
        {mode === 'view' && (
          <>
            <button type="button" class="secondary small" onClick={() => setMode('edit')} aria-label={`Edit price of ${price.model}`}>
              Edit
            </button>
            <button type="button" class="danger small" onClick={() => setMode('delete')} aria-label={`Delete price of ${price.model}`}>
              Delete
            </button>
          </>
        )}
        {mode === 'edit' && (
          <>
            <button
              type="button"
              class="small"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  await api<Price>('PUT', path, { input_per_1k: Number(input), output_per_1k: Number(output) });
                  onChanged(`Price of ${price.model} saved.`);
                })
              }
            >
              Save
            </button>
            <button type="button" class="secondary small" onClick={() => setMode('view')}>
              Cancel
            </button>
          </>
        )}
        {mode === 'delete' && (
          <div role="group" class="confirm" aria-label={`Delete the price of ${price.model}?`}>
            <span>Remove this price? Non-admin keys are then refused this model.</span>
            <button
              type="button"
              class="danger small"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  await api<unknown>('DELETE', path);
                  onChanged(`Price of ${price.model} removed.`);
                })
              }
            >
              Yes, delete
            </button>
            <button type="button" class="secondary small" onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        )}
        <Alert message={action.error} />
      </td>
    </tr>
  );
}

function PriceForm({ onSaved }: { onSaved: (model: string) => void }) {
  const [model, setModel] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const action = useAction();
  return (
    <form
      class="inline-form"
      aria-label="Set a price"
      onSubmit={e => {
        e.preventDefault();
        void action.run(async () => {
          await api<Price>('PUT', `/v1/admin/prices/${encodeURIComponent(model.trim())}`, { input_per_1k: Number(input), output_per_1k: Number(output) });
          setModel('');
          setInput('');
          setOutput('');
          onSaved(model.trim());
        });
      }}
    >
      <div class="field">
        <label for="price-model">Model</label>
        <input id="price-model" required value={model} onInput={e => setModel(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="price-input">Input per 1K</label>
        <input id="price-input" required type="number" min="0" step="any" value={input} onInput={e => setInput(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="price-output">Output per 1K</label>
        <input id="price-output" required type="number" min="0" step="any" value={output} onInput={e => setOutput(e.currentTarget.value)} />
      </div>
      <button type="submit" disabled={action.busy}>
        Set price
      </button>
      <Alert message={action.error} />
    </form>
  );
}
