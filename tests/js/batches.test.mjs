// The Batch API with the official OpenAI JS SDK, unmodified: upload a JSONL file, create a batch, poll it,
// download its output. Run by test.sh against the local stack (./run.sh), like sdk.test.mjs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { toFile } from 'openai';
import { createUserClient } from './user-client.mjs';

let client;

// Batch lines are admitted against the key's limits like requests: room for a thousand lines a minute.
before(async () => {
  ({ client } = await createUserClient({ name: 'js-batch-tests', owner: 'js-batch-tests', limits: { rpm: 100000, tpm: 100000000 } }));
});

async function runBatch(endpoint, lines) {
  const jsonl = lines.map((body, i) => JSON.stringify({ custom_id: `line-${i}`, method: 'POST', url: endpoint, body })).join('\n');
  const input = await client.files.create({ file: await toFile(Buffer.from(jsonl), 'input.jsonl'), purpose: 'batch' });
  assert.equal(input.purpose, 'batch');
  let batch = await client.batches.create({ input_file_id: input.id, endpoint, completion_window: '24h', metadata: { suite: 'js' } });
  assert.equal(batch.object, 'batch');
  assert.equal(batch.status, 'validating');
  const deadline = Date.now() + 180_000;
  while (!['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) {
    assert.ok(Date.now() < deadline, `batch ${batch.id} still ${batch.status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    batch = await client.batches.retrieve(batch.id);
  }
  return batch;
}

async function linesOf(fileId) {
  const content = await client.files.content(fileId);
  return (await content.text()).split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
}

test('a 1,000-line embeddings batch answers every line, in order', async () => {
  const lines = Array.from({ length: 1000 }, (_, i) => ({ model: 'all-minilm-l6-v2', input: `sentence number ${i}` }));
  const batch = await runBatch('/v1/embeddings', lines);
  assert.equal(batch.status, 'completed', JSON.stringify(batch));
  assert.deepEqual(batch.request_counts, { total: 1000, completed: 1000, failed: 0 });
  assert.equal(batch.metadata.suite, 'js');
  const output = await linesOf(batch.output_file_id);
  assert.deepEqual(output.map((l) => l.custom_id), lines.map((_, i) => `line-${i}`));
  for (const line of output) {
    assert.equal(line.response.status_code, 200);
    assert.equal(line.response.body.data[0].embedding.length, 384);
  }
});

test('a chat batch answers its lines and reports a bad one in the error file', async () => {
  const lines = Array.from({ length: 10 }, (_, i) => ({ model: 'gpt2-tiny', messages: [{ role: 'user', content: `Tell me ${i}` }], max_tokens: 4, seed: i }));
  lines.push({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] });
  const batch = await runBatch('/v1/chat/completions', lines);
  assert.equal(batch.status, 'completed', JSON.stringify(batch));
  assert.deepEqual(batch.request_counts, { total: 11, completed: 10, failed: 1 });
  const output = await linesOf(batch.output_file_id);
  assert.equal(output.length, 10);
  assert.ok(output.every((l) => l.response.body.object === 'chat.completion' && l.response.body.usage.completion_tokens === 4));
  const errors = await linesOf(batch.error_file_id);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].custom_id, 'line-10');
  assert.equal(errors[0].response.status_code, 404);
  assert.equal(errors[0].response.body.error.code, 'model_not_found');
});
