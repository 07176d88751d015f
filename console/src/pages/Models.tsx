import { get } from '../api';
import { Alert } from '../components/Alert';
import { formatInt } from '../format';
import { useLoad } from '../hooks';
import type { ListOf, Model } from '../types';

const CAPABILITIES = ['chat', 'completion', 'embedding', 'fine_tuning'] as const;

/** The models this deployment serves (`GET /v1/models`) and what each can do. */
export function Models() {
  const models = useLoad(() => get<ListOf<Model>>('/v1/models'), []);
  return (
    <>
      <Alert message={models.error} />
      <div class="table-wrap" aria-busy={models.loading}>
        <table data-testid="models-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Owned by</th>
              <th scope="col" class="num">Context (tokens)</th>
              <th scope="col">Capabilities</th>
              <th scope="col" class="num">Dimensions</th>
            </tr>
          </thead>
          <tbody>
            {models.data?.data.map(m => (
              <tr key={m.id} data-testid="model-row" data-model={m.id}>
                <th scope="row">
                  <code>{m.id}</code>
                </th>
                <td>{m.owned_by}</td>
                <td class="num">{formatInt(m.context_length)}</td>
                <td>
                  <ul class="tags">
                    {CAPABILITIES.filter(c => m.capabilities[c]).map(c => (
                      <li key={c}>{c.replace('_', ' ')}</li>
                    ))}
                  </ul>
                </td>
                <td class="num">{m.dimensions ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
