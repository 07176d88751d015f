// A streamed chat completion: the text arrives token by token as server-sent events.
//   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... node stream.mjs
import OpenAI from 'openai';

const client = new OpenAI();
const model = process.env.MODEL ?? 'gpt2-tiny';

const stream = await client.chat.completions.create({
  model,
  messages: [{ role: 'user', content: 'Count to five.' }],
  max_tokens: 16,
  stream: true,
  stream_options: { include_usage: true }, // a last chunk with the usage of the whole answer
});

let usage;
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
  usage = chunk.usage ?? usage;
}
process.stdout.write('\n');

if (!usage) throw new Error('the stream ended without its usage chunk');
console.log(`${usage.completion_tokens} tokens streamed`);
