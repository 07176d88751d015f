import { dayStart, utcDay } from './format';
import type { UsageRow } from './types';

/** The fields of a usage row in the API's order; `errors` and `rate_limited` only when the API sends them. */
export const BASE_FIELDS = ['timestamp', 'model', 'prompt_tokens', 'completion_tokens', 'total_tokens', 'requests', 'cost'] as const;

/** The columns of the rows as the API sent them: each field in the order it first appears. */
export function columnsOf(rows: readonly UsageRow[]): string[] {
  const columns: string[] = [];
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!columns.includes(name)) columns.push(name);
    }
  }
  return columns.length > 0 ? columns : [...BASE_FIELDS];
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV (RFC 4180, CRLF line ends): a header of the API's field names, then one line per row, values as sent. */
export function toCsv(rows: readonly UsageRow[]): string {
  const columns = columnsOf(rows);
  const lines = [columns.join(',')];
  for (const row of rows) {
    const record = row as unknown as Record<string, unknown>;
    lines.push(columns.map(c => cell(record[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Per-day sums over `days` UTC days ending today, zero where the API has no row. */
export interface DailySeries {
  days: number[];
  requests: number[];
  errors: number[];
  rateLimited: number[];
  promptTokens: number[];
  completionTokens: number[];
  cost: number[];
}

export function dailySeries(rows: readonly UsageRow[], first: string, days: number): DailySeries {
  const start = dayStart(first);
  const series: DailySeries = { days: [], requests: [], errors: [], rateLimited: [], promptTokens: [], completionTokens: [], cost: [] };
  for (let i = 0; i < days; i++) {
    series.days.push(start + i * 86400);
    series.requests.push(0);
    series.errors.push(0);
    series.rateLimited.push(0);
    series.promptTokens.push(0);
    series.completionTokens.push(0);
    series.cost.push(0);
  }
  for (const row of rows) {
    const i = Math.round((row.timestamp - start) / 86400);
    if (i < 0 || i >= days) continue;
    series.requests[i]! += row.requests;
    series.errors[i]! += row.errors ?? 0;
    series.rateLimited[i]! += row.rate_limited ?? 0;
    series.promptTokens[i]! += row.prompt_tokens;
    series.completionTokens[i]! += row.completion_tokens;
    series.cost[i]! += row.cost;
  }
  return series;
}

/** Sums of some rows: what the headline numbers show. */
export function sum(rows: readonly UsageRow[]): { requests: number; tokens: number; cost: number; errors: number; rateLimited: number } {
  return rows.reduce(
    (s, r) => ({
      requests: s.requests + r.requests,
      tokens: s.tokens + r.total_tokens,
      cost: s.cost + r.cost,
      errors: s.errors + (r.errors ?? 0),
      rateLimited: s.rateLimited + (r.rate_limited ?? 0),
    }),
    { requests: 0, tokens: 0, cost: 0, errors: 0, rateLimited: 0 },
  );
}

export const isToday = (row: UsageRow): boolean => row.timestamp === dayStart(utcDay());
