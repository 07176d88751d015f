import { useState } from 'preact/hooks';
import { get } from '../api';
import { Alert } from '../components/Alert';
import { Chart } from '../components/Chart';
import { OwnerFilter } from '../components/OwnerFilter';
import { formatCost, formatInt, utcDay } from '../format';
import { useLoad } from '../hooks';
import type { Caller, UsageList } from '../types';
import { dailySeries, isToday, sum } from '../usage';

const DAYS = 30;

/** Today and the last 30 days: headline numbers and a chart each of requests, tokens and cost, from `GET /v1/usage?group_by=day`. */
export function Overview({ caller }: { caller: Caller }) {
  const admin = caller.role === 'admin';
  const [owner, setOwner] = useState(admin ? '*' : caller.owner);
  const first = utcDay(-(DAYS - 1));
  const usage = useLoad(
    () => get<UsageList>('/v1/usage', { group_by: 'day', start: first, owner: admin ? owner : undefined }),
    [owner, first],
  );
  const rows = usage.data?.data ?? [];
  const today = sum(rows.filter(isToday));
  const month = sum(rows);
  const series = dailySeries(rows, first, DAYS);
  const counters = rows.some(r => r.errors !== undefined || r.rate_limited !== undefined);
  return (
    <>
      <p class="lead">
        {admin && owner === '*' ? 'Every owner' : `Owner ${owner}`}, UTC days {first} to {utcDay()}.
      </p>
      {admin && <OwnerFilter id="overview-owner" owner={owner} onApply={o => {
            setOwner(o);
            usage.reload(); // Show again reads again: usage moves while the page is open
          }} />}
      <Alert message={usage.error} />
      <div class="headline" aria-busy={usage.loading}>
        <Totals title="Today" testId="today" totals={today} counters={counters} />
        <Totals title={`Last ${DAYS} days`} testId="month" totals={month} counters={counters} />
      </div>
      {usage.data && (
        <div class="charts">
          <Chart
            title="Requests per day"
            testId="chart-requests"
            x={series.days}
            format={formatInt}
            series={[
              { label: 'Requests', values: series.requests, color: '#0b5cad' },
              ...(counters
                ? [
                    { label: 'Errors', values: series.errors, color: '#b42318' },
                    { label: 'Rate limited (429)', values: series.rateLimited, color: '#8a5a00' },
                  ]
                : []),
            ]}
          />
          <Chart
            title="Tokens per day"
            testId="chart-tokens"
            x={series.days}
            format={formatInt}
            series={[
              { label: 'Prompt', values: series.promptTokens, color: '#0b5cad' },
              { label: 'Completion', values: series.completionTokens, color: '#1f7a4d' },
            ]}
          />
          <Chart title="Cost per day" testId="chart-cost" x={series.days} format={formatCost} series={[{ label: 'Cost', values: series.cost, color: '#6b3fa0' }]} />
        </div>
      )}
    </>
  );
}

function Totals({ title, testId, totals, counters }: { title: string; testId: string; totals: ReturnType<typeof sum>; counters: boolean }) {
  return (
    <section class="card" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <dl class="numbers">
        <div>
          <dt>Requests</dt>
          <dd data-testid={`${testId}-requests`}>{formatInt(totals.requests)}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd data-testid={`${testId}-tokens`}>{formatInt(totals.tokens)}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd data-testid={`${testId}-cost`}>{formatCost(totals.cost)}</dd>
        </div>
        {counters && (
          <>
            <div>
              <dt>Errors</dt>
              <dd data-testid={`${testId}-errors`}>{formatInt(totals.errors)}</dd>
            </div>
            <div>
              <dt>Rate limited</dt>
              <dd data-testid={`${testId}-rate-limited`}>{formatInt(totals.rateLimited)}</dd>
            </div>
          </>
        )}
      </dl>
    </section>
  );
}
