// Numbers and times as the console shows them: UTC throughout, as the API counts.

const integer = new Intl.NumberFormat('en-US');
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });

export const formatInt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : integer.format(n));

export const formatCost = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : money.format(n));

/** `YYYY-MM-DD` of a Unix-seconds instant, in UTC. */
export const day = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** `YYYY-MM-DD HH:MM:SS UTC`, or a dash for none. */
export const dateTime = (seconds: number | null | undefined): string =>
  seconds === null || seconds === undefined ? '—' : `${new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** The UTC day `offset` days from today, as `YYYY-MM-DD`. */
export function utcDay(offset = 0): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
}

/** Unix seconds of the start of a `YYYY-MM-DD` UTC day. */
export const dayStart = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;
