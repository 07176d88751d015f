// Every call of the console goes through here: same origin, `Authorization: Bearer <key>`, errors in OpenAI's shape.
// The key lives only in this module for the life of the tab: never in storage, a cookie or the URL.

let apiKey: string | null = null;

/** Holds the key for later calls (sign-in), or forgets it (sign-out). */
export function setKey(key: string | null): void {
  apiKey = key;
}

/** A failed call: the API's OpenAI-shaped error, or a network failure put in the same words. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly type: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { message?: string; type?: string; param?: string | null; code?: string | null };
}

function headers(json: boolean): Headers {
  const h = new Headers({ Accept: 'application/json' });
  if (apiKey !== null) h.set('Authorization', `Bearer ${apiKey}`);
  if (json) h.set('Content-Type', 'application/json');
  return h;
}

/** Turns a non-2xx answer into an ApiError carrying the body's `error.message`. */
async function failure(response: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON: the status line has to do.
  }
  const error = body?.error;
  return new ApiError(
    error?.message ?? `The API answered ${response.status} ${response.statusText}.`,
    response.status,
    error?.code ?? null,
    error?.type ?? null,
  );
}

async function send(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const init: RequestInit = { method, headers: headers(body !== undefined), cache: 'no-store' };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (signal) init.signal = signal;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('The API could not be reached. Check your connection and try again.', 0, null);
  }
  if (!response.ok) throw await failure(response);
  return response;
}

/** Calls `path` (e.g. `/v1/quota`) and returns its JSON body. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  return (await response.json()) as T;
}

/** GET `path` with `query` (empty values left out). */
export function get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return api<T>('GET', text ? `${path}?${text}` : path);
}

/** The message to show for anything a call threw. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError || e instanceof Error) return e.message;
  return String(e);
}

/** One chunk of a streamed chat completion, as far as the console reads it. */
export interface ChatChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: Usage | null;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/**
 * POSTs a streaming request and hands each `data: {...}` event of the server-sent stream to `onChunk` as it arrives,
 * until `data: [DONE]` or the end of the body. Aborting `signal` stops reading (and the request).
 */
export async function stream(path: string, body: unknown, signal: AbortSignal, onChunk: (chunk: ChatChunk) => void): Promise<void> {
  const response = await send('POST', path, body, signal);
  if (!response.body) throw new ApiError('The API sent no stream.', response.status, null);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    // Events end with a blank line; a line may arrive split across reads, so only whole lines are parsed.
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        await reader.cancel();
        return;
      }
      const parsed = JSON.parse(data) as ChatChunk & ErrorBody;
      if (parsed.error) throw new ApiError(parsed.error.message ?? 'The stream failed.', response.status, parsed.error.code ?? null);
      onChunk(parsed);
    }
  }
}
