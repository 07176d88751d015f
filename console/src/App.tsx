import { useEffect, useRef, useState } from 'preact/hooks';
import { get, messageOf, setKey } from './api';
import { Alert } from './components/Alert';
import { JobDetail } from './pages/JobDetail';
import { Jobs } from './pages/Jobs';
import { Keys } from './pages/Keys';
import { Models } from './pages/Models';
import { Overview } from './pages/Overview';
import { Playground } from './pages/Playground';
import { Quota } from './pages/Quota';
import { Tiers } from './pages/Tiers';
import { Usage } from './pages/Usage';
import { href, PAGES, parseHash, refusal, visiblePages, type Page, type Route } from './routes';
import type { Caller, Role } from './types';

const article = (role: Role): string => (role === 'admin' ? 'an' : 'a');

/** The console: sign-in until `/v1/me` accepts the key, then the pages the key's role may see. */
export function App() {
  const [caller, setCaller] = useState<Caller | null>(null);
  const signOut = () => {
    setKey(null);
    setCaller(null);
  };
  return caller ? <Shell caller={caller} onSignOut={signOut} /> : <SignIn onSignedIn={setCaller} />;
}

function SignIn({ onSignedIn }: { onSignedIn: (caller: Caller) => void }) {
  const [key, setKeyText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setKey(key.trim());
    try {
      const caller = await get<Caller>('/v1/me');
      setKeyText('');
      onSignedIn(caller);
    } catch (e) {
      setKey(null);
      setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <main class="sign-in" id="main">
      <form class="card stack" onSubmit={e => void submit(e)} data-testid="sign-in">
        <h1>Serverless LLM API console</h1>
        <p>Sign in with an API key. It stays in this tab's memory only: closing or reloading the tab signs you out.</p>
        <div class="field">
          <label for="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            required
            autocomplete="off"
            spellcheck={false}
            placeholder="sk-…"
            value={key}
            onInput={e => setKeyText(e.currentTarget.value)}
          />
        </div>
        <Alert message={error} />
        <div>
          <button type="submit" disabled={busy || key.trim() === ''} data-testid="sign-in-button">
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </main>
  );
}

/** The page the address names; no hash is `home`, the first page the caller may see. */
function useRoute(home: Page): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash, home));
  useEffect(() => {
    const changed = () => setRoute(parseHash(location.hash, home));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, [home]);
  return route;
}

function Shell({ caller, onSignOut }: { caller: Caller; onSignOut: () => void }) {
  const visible = visiblePages(caller);
  const route = useRoute(visible[0]?.page ?? 'models');
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // A new page moves the focus to its heading, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [route.page, route.id]);
  const page = route.page;
  const title = page === null ? 'Page not found' : page === 'jobs' && route.id ? 'Job' : PAGES.find(p => p.page === page)!.label;
  useEffect(() => {
    document.title = `${title} · Console · Serverless LLM API`;
  }, [title]);

  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href={href('overview')}>
          LLM API console
        </a>
        <div class="who" data-testid="who">
          <span>
            <strong>{caller.owner}</strong> · {caller.role} key <code>{caller.key_id}</code>
          </span>
          <button type="button" class="secondary small" onClick={onSignOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <nav aria-label="Console" class="nav">
        <ul>
          {visible.map(p => (
            <li key={p.page}>
              <a href={href(p.page)} aria-current={p.page === page ? 'page' : undefined} data-testid={`nav-${p.page}`}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="content" data-page={page ?? 'none'}>
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        <Content page={page} id={route.id} caller={caller} />
      </main>
    </div>
  );
}

function Content({ page, id, caller }: { page: Page | null; id: string | null; caller: Caller }) {
  if (page === null) {
    return (
      <p>
        There is no such page. <a href={href('overview')}>Go to the overview.</a>
      </p>
    );
  }
  const refused = refusal(caller, page);
  if (refused) return <Forbidden page={page} caller={caller} role={refused.role} scope={refused.scope} />;
  switch (page) {
    case 'overview':
      return <Overview caller={caller} />;
    case 'usage':
      return <Usage caller={caller} />;
    case 'quota':
      return <Quota />;
    case 'keys':
      return <Keys />;
    case 'tiers':
      return <Tiers />;
    case 'jobs':
      return id ? <JobDetail key={id} id={id} /> : <Jobs caller={caller} />;
    case 'models':
      return <Models />;
    case 'playground':
      return <Playground />;
  }
}

/** What a page the key may not use says instead: which role or scope it needs, and what this key has. */
function Forbidden({ page, caller, role, scope }: { page: Page; caller: Caller; role: boolean; scope: string | null }) {
  const roles = PAGES.find(p => p.page === page)!.roles;
  const needs = roles.length === 1 ? `an ${roles[0]} key` : `a ${roles.filter(r => r !== 'admin').join(' or ')} or admin key`;
  return (
    <div class="forbidden" data-testid="forbidden">
      <p role="alert" class="alert">
        {role
          ? `This page needs ${needs}. You are signed in with ${article(caller.role)} ${caller.role} key.`
          : `This page needs a key with the “${scope}” scope. This key's scopes: ${caller.scopes.join(', ') || 'none'}.`}
      </p>
      <p>
        <a href={href('overview')}>Go to the overview.</a>
      </p>
    </div>
  );
}
