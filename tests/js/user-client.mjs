// A client with a fresh user key made through the admin API, as an operator would hand one out.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

export const baseURL = process.env.OPENAI_BASE_URL;

/** The key's create answer and an SDK client that uses it; `fields` are the admin API's key fields (name, owner, limits). */
export async function createUserClient(fields) {
  const response = await fetch(`${baseURL}/admin/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.ADMIN_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'user', ...fields }),
  });
  const text = await response.text();
  assert.equal(response.status, 201, text);
  const created = JSON.parse(text);
  return { created, client: new OpenAI({ baseURL, apiKey: created.key, maxRetries: 0, timeout: 120_000 }) };
}
