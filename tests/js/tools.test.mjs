// Tool calling and structured outputs with the official OpenAI JS SDK's helpers (runTools, parse), unmodified,
// against the running local stack; see sdk.test.mjs for how test.sh starts it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createUserClient } from './user-client.mjs';

const model = 'gpt2-tiny';
let client;

before(async () => {
  ({ client } = await createUserClient({ name: 'js-tools-tests', owner: 'js-tests' }));
});

const weatherParameters = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } },
  required: ['city', 'days'],
  additionalProperties: false,
};

for (const stream of [false, true]) {
  test(`runTools${stream ? ' (streamed)' : ''} calls our function, then the next turn answers its result`, async () => {
    const calls = [];
    const runner = client.chat.completions.runTools({
      model,
      stream,
      seed: 2,
      max_tokens: 80,
      messages: [{ role: 'user', content: 'Forecast for Oslo?' }],
      tool_choice: { type: 'function', function: { name: 'get_forecast' } },
      tools: [{
        type: 'function',
        function: {
          name: 'get_forecast',
          description: 'The forecast for a city',
          parameters: weatherParameters,
          parse: JSON.parse,
          function: (args) => { calls.push(args); return { forecast: 'snow', city: args.city }; },
        },
      }],
    });
    await runner.done();

    assert.equal(calls.length, 1);
    assert.equal(typeof calls[0].city, 'string');
    assert.ok(Number.isInteger(calls[0].days) && calls[0].days >= 1 && calls[0].days <= 7, JSON.stringify(calls[0]));
    const [, assistant, tool] = runner.messages;
    assert.equal(assistant.tool_calls[0].function.name, 'get_forecast');
    assert.match(assistant.tool_calls[0].id, /^call_/);
    assert.equal(tool.role, 'tool');
    assert.equal(tool.tool_call_id, assistant.tool_calls[0].id);

    // The second turn: the conversation with the call and its result, tools still offered, the model free to answer.
    const answer = await client.chat.completions.create({
      model, seed: 2, max_tokens: 8, messages: runner.messages,
      tools: [{ type: 'function', function: { name: 'get_forecast', parameters: weatherParameters } }],
    });
    assert.notEqual(answer.choices[0].finish_reason, 'tool_calls');
    assert.ok(answer.choices[0].message.content.length > 0);
  });
}

test('chat.completions.parse follows a strict json_schema', async () => {
  const completion = await client.chat.completions.parse({
    model,
    seed: 8,
    max_tokens: 120,
    messages: [{ role: 'user', content: 'A book as JSON.' }],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'book',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            title: { type: 'string' },
            year: { type: 'integer', minimum: 1450, maximum: 2026 },
            genre: { anyOf: [{ type: 'string', enum: ['novel', 'poetry'] }, { type: 'null' }] },
          },
          required: ['title', 'year', 'genre'],
          additionalProperties: false,
        },
      },
    },
  });
  const book = completion.choices[0].message.parsed;
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.deepEqual(Object.keys(book), ['title', 'year', 'genre']);
  assert.ok(Number.isInteger(book.year) && book.year >= 1450 && book.year <= 2026, JSON.stringify(book));
  assert.ok(book.genre === null || ['novel', 'poetry'].includes(book.genre), JSON.stringify(book));
});
