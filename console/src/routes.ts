import type { Caller, Role } from './types';

export type Page = 'overview' | 'usage' | 'quota' | 'keys' | 'tiers' | 'jobs' | 'models' | 'playground';

/**
 * The pages in nav order, with the roles that may see each and the scope its calls need (the API enforces the same
 * on every call; `/v1/me` lists every scope a key holds).
 */
export const PAGES: readonly { page: Page; label: string; roles: readonly Role[]; scope: string | null }[] = [
  { page: 'overview', label: 'Overview', roles: ['admin', 'user', 'reader'], scope: 'usage' },
  { page: 'usage', label: 'Usage', roles: ['admin', 'user', 'reader'], scope: 'usage' },
  { page: 'quota', label: 'Quota', roles: ['admin', 'user'], scope: 'usage' },
  { page: 'keys', label: 'Keys', roles: ['admin'], scope: 'admin' },
  { page: 'tiers', label: 'Tiers & prices', roles: ['admin'], scope: 'admin' },
  { page: 'jobs', label: 'Jobs', roles: ['admin', 'user'], scope: 'jobs' },
  { page: 'models', label: 'Models', roles: ['admin', 'user', 'reader'], scope: null },
  { page: 'playground', label: 'Playground', roles: ['admin', 'user'], scope: 'chat' },
];

export interface Route {
  /** The page asked for, or null for a hash that names none. */
  page: Page | null;
  /** What follows the page, e.g. the job id of `#/jobs/<id>`. */
  id: string | null;
}

/** Reads `#/jobs/job_123` as `{ page: 'jobs', id: 'job_123' }`; an empty hash is `home`. */
export function parseHash(hash: string, home: Page = 'overview'): Route {
  const [name = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (name === '') return { page: home, id: null };
  const known = PAGES.find(p => p.page === name);
  return { page: known ? known.page : null, id: rest.length > 0 && rest[0] ? decodeURIComponent(rest.join('/')) : null };
}

/** Why `caller` may not see `page` (its role, or a scope its key lacks), or null when it may. */
export function refusal(caller: Caller, page: Page): { role: boolean; scope: string | null } | null {
  const entry = PAGES.find(p => p.page === page)!;
  if (!entry.roles.includes(caller.role)) return { role: true, scope: entry.scope };
  if (entry.scope !== null && !caller.scopes.includes(entry.scope)) return { role: false, scope: entry.scope };
  return null;
}

/** The pages `caller` may see, in nav order. */
export const visiblePages = (caller: Caller) => PAGES.filter(p => refusal(caller, p.page) === null);

export const href = (page: Page, id?: string): string => (id ? `#/${page}/${encodeURIComponent(id)}` : `#/${page}`);

/** Opens a page (and item) by setting the hash. */
export function navigate(page: Page, id?: string): void {
  location.hash = href(page, id);
}
