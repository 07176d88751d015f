// End-to-end tests of the running local stack (./run.sh) with the official OpenAI JS SDK, unmodified.
// test.sh starts the stack and sets OPENAI_BASE_URL and ADMIN_API_KEY; to run alone against ./run.sh:
//   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 ADMIN_API_KEY=sk-admin-... node --test tests/js/
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { baseURL, createUserClient } from './user-client.mjs';

let client;

before(async () => {
  ({ client } = await createUserClient({ name: 'js-sdk-tests', owner: 'js-tests' }));
});
const chatModel = 'gpt2-tiny';
const embeddingModel = 'all-minilm-l6-v2';

test('lists the default models with their capabilities', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.ok(ids.includes(chatModel), `models: ${ids}`);
  assert.ok(ids.includes(embeddingModel), `models: ${ids}`);
  const model = await client.models.retrieve(embeddingModel);
  assert.equal(model.capabilities.embedding, true);
  assert.equal(model.dimensions, 384);
});

test('chat completion returns text, a finish reason and usage', async () => {
  const answer = await client.chat.completions.create({
    model: chatModel,
    messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: 'Say hello.' }],
    max_tokens: 6,
    temperature: 0,
  });
  assert.equal(answer.object, 'chat.completion');
  assert.equal(answer.choices[0].message.role, 'assistant');
  assert.ok(answer.choices[0].message.content.length > 0);
  assert.equal(answer.choices[0].finish_reason, 'length');
  assert.equal(answer.usage.completion_tokens, 6);
  assert.equal(answer.usage.total_tokens, answer.usage.prompt_tokens + 6);
});

test('the same seed gives the same completion', async () => {
  const ask = () => client.completions.create({ model: chatModel, prompt: 'Once upon a time', max_tokens: 8, seed: 7, temperature: 1 });
  const [a, b] = await Promise.all([ask(), ask()]);
  assert.equal(a.object, 'text_completion');
  assert.equal(a.choices[0].text, b.choices[0].text);
  assert.equal(a.usage.completion_tokens, 8);
});

test('streams chat chunks ending with usage when include_usage is set', async () => {
  const stream = await client.chat.completions.create({
    model: chatModel,
    messages: [{ role: 'user', content: 'Count to three.' }],
    max_tokens: 5,
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let finish = null;
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
  }
  assert.ok(chunks >= 6, `chunks: ${chunks}`);
  assert.ok(text.length > 0);
  assert.equal(finish, 'length');
  assert.equal(usage?.completion_tokens, 5);
});

test('llama-tiny (a Hugging Face export with its own chat template) answers with logprobs when asked', async () => {
  const answer = await client.chat.completions.create({
    model: 'llama-tiny',
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello.' }],
    max_tokens: 6,
    temperature: 0,
    logprobs: true,
    top_logprobs: 2,
  });
  const tokens = answer.choices[0].logprobs.content;
  assert.equal(answer.model, 'llama-tiny');
  assert.equal(tokens.length, answer.usage.completion_tokens);
  assert.equal(tokens.map((t) => t.token).join(''), answer.choices[0].message.content);
  for (const t of tokens) {
    assert.equal(t.top_logprobs.length, 2);
    assert.equal(t.top_logprobs[0].token, t.token); // greedy: the chosen token is the likeliest
    assert.ok(t.logprob < 0);
  }
});

test('embeddings come back as vectors the SDK decodes (base64 by default)', async () => {
  const answer = await client.embeddings.create({
    model: embeddingModel,
    input: ['A man is eating food.', 'A man is eating a piece of bread.', 'A man is riding a horse.'],
  });
  assert.equal(answer.data.length, 3);
  const [food, bread, horse] = answer.data.map((d) => d.embedding);
  assert.equal(food.length, 384);
  const cos = (x, y) => x.reduce((s, v, i) => s + v * y[i], 0);
  assert.ok(Math.abs(cos(food, bread) - 0.755) < 0.03, `cos(food, bread) = ${cos(food, bread)}`);
  assert.ok(cos(food, bread) > cos(food, horse) + 0.2);
  assert.ok(answer.usage.prompt_tokens > 0);
});

test('an unknown model is a 404 NotFoundError with an OpenAI error body', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    (error) => {
      assert.ok(error instanceof OpenAI.NotFoundError, `got ${error?.constructor?.name}`);
      assert.equal(error.status, 404);
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.param, 'model');
      return true;
    });
});

test('a bad parameter is a 400 BadRequestError naming it', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: chatModel, messages: [{ role: 'user', content: 'hi' }], temperature: 5 }),
    (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'temperature');
      return true;
    });
});

test('a wrong API key is a 401 AuthenticationError', async () => {
  const stranger = new OpenAI({ baseURL, apiKey: 'sk-not-a-real-key', maxRetries: 0 });
  await assert.rejects(stranger.models.list(), (error) => {
    assert.ok(error instanceof OpenAI.AuthenticationError, `got ${error?.constructor?.name}`);
    assert.equal(error.code, 'invalid_api_key');
    return true;
  });
});
