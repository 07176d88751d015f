import type { Role } from './types';

export type Page = 'overview' | 'usage' | 'quota' | 'keys' | 'tiers' | 'jobs' | 'models' | 'playground';

/** The pages in nav order, with the roles that may see each (the API enforces the same on every call). */
export const PAGES: readonly { page: Page; label: string; roles: readonly Role[] }[] = [
  { page: 'overview', label: 'Overview', roles: ['admin', 'user', 'reader'] },
  { page: 'usage', label: 'Usage', roles: ['admin', 'user', 'reader'] },
  { page: 'quota', label: 'Quota', roles: ['admin', 'user'] },
  { page: 'keys', label: 'Keys', roles: ['admin'] },
  { page: 'tiers', label: 'Tiers & prices', roles: ['admin'] },
  { page: 'jobs', label: 'Jobs', roles: ['admin', 'user'] },
  { page: 'models', label: 'Models', roles: ['admin', 'user', 'reader'] },
  { page: 'playground', label: 'Playground', roles: ['admin', 'user'] },
];

export interface Route {
  /** The page asked for, or null for a hash that names none. */
  page: Page | null;
  /** What follows the page, e.g. the job id of `#/jobs/<id>`. */
  id: string | null;
}

/** Reads `#/jobs/job_123` as `{ page: 'jobs', id: 'job_123' }`; an empty hash is the overview. */
export function parseHash(hash: string): Route {
  const [name = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (name === '') return { page: 'overview', id: null };
  const known = PAGES.find(p => p.page === name);
  return { page: known ? known.page : null, id: rest.length > 0 && rest[0] ? decodeURIComponent(rest.join('/')) : null };
}

export const canSee = (role: Role, page: Page): boolean => PAGES.some(p => p.page === page && p.roles.includes(role));

export const href = (page: Page, id?: string): string => (id ? `#/${page}/${encodeURIComponent(id)}` : `#/${page}`);

/** Opens a page (and item) by setting the hash. */
export function navigate(page: Page, id?: string): void {
  location.hash = href(page, id);
}
