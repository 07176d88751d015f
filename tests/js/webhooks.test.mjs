// Job webhooks checked with the official OpenAI JS SDK's own verifier (client.webhooks.unwrap / verifySignature),
// unmodified, with the secret each key gets (webhook_secret): tenants cannot verify, so cannot forge, each
// other's webhooks, and during a rotation both the old and the new secret verify. Run by test.sh against ./run.sh,
// which lets webhooks reach a receiver on loopback over http.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import OpenAI, { InvalidWebhookSignatureError } from 'openai';

const baseURL = process.env.OPENAI_BASE_URL;
const calls = new Map(); // job id -> { body, headers }
let receiver;
let receiverUrl;

before(async () => {
  receiver = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      try {
        calls.set(JSON.parse(body).id, { body, headers: request.headers });
      } catch {
        // not a job: ignored
      }
      response.writeHead(200).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${receiver.address().port}/hooks`;
});

after(() => new Promise((resolve) => receiver.close(resolve)));

async function admin(method, path, body) {
  const response = await fetch(`${baseURL}/admin/${path}`, {
    method,
    headers: { Authorization: `Bearer ${process.env.ADMIN_API_KEY}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

// A key made through the admin API: its secret and the secret that signs its webhooks, shown this once.
const createKey = (owner) => admin('POST', 'keys', { name: owner, owner, role: 'user' });

// Submits an async job with a webhook (the SDK has no async jobs API) and waits for the receiver's call.
async function callOfANewJob(apiKey) {
  const response = await fetch(`${baseURL}/async/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt2-tiny', prompt: 'Call me back', max_tokens: 2, webhook: receiverUrl }),
  });
  const text = await response.text();
  assert.equal(response.status, 202, text);
  const { id } = JSON.parse(text);
  for (let waited = 0; waited < 60_000 && !calls.has(id); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(calls.has(id), `no webhook call for ${id}`);
  return calls.get(id);
}

const isInvalidSignature = (error) => {
  assert.ok(error instanceof InvalidWebhookSignatureError, `got ${error?.constructor?.name}: ${error?.message}`);
  return true;
};

test('the SDK verifies a job webhook with its key\'s webhook_secret, and another tenant\'s secret does not', async () => {
  const tenantA = await createKey('js-webhooks-a');
  const tenantB = await createKey('js-webhooks-b');
  assert.match(tenantA.webhook_secret, /^whsec_/);
  const client = new OpenAI({ baseURL, apiKey: tenantB.key, maxRetries: 0 });

  const { body, headers } = await callOfANewJob(tenantB.key);

  const event = await client.webhooks.unwrap(body, headers, tenantB.webhook_secret);
  assert.equal(event.object, 'async.job');
  assert.equal(event.status, 'succeeded');
  await assert.rejects(client.webhooks.verifySignature(body, headers, tenantA.webhook_secret), isInvalidSignature);
});

test('during a webhook secret rotation both secrets verify; once the previous is dropped only the new one does', async () => {
  const key = await createKey('js-webhooks-rotate');
  const client = new OpenAI({ baseURL, apiKey: key.key, maxRetries: 0 });

  const rotated = await admin('POST', `keys/${key.id}/webhook_secret/rotate`, { grace_period_seconds: 600 });
  const during = await callOfANewJob(key.key);
  await admin('DELETE', `keys/${key.id}/webhook_secret/previous`);
  const afterDrop = await callOfANewJob(key.key);

  assert.notEqual(rotated.webhook_secret, key.webhook_secret);
  assert.equal(during.headers['webhook-signature'].split(' ').length, 2);
  await client.webhooks.unwrap(during.body, during.headers, rotated.webhook_secret);
  await client.webhooks.unwrap(during.body, during.headers, key.webhook_secret);
  await client.webhooks.unwrap(afterDrop.body, afterDrop.headers, rotated.webhook_secret);
  await assert.rejects(client.webhooks.verifySignature(afterDrop.body, afterDrop.headers, key.webhook_secret), isInvalidSignature);
});
