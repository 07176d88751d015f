// A chat completion with the official OpenAI JS SDK, unmodified: only the base URL points at this API.
//   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... node chat.mjs
import OpenAI from 'openai';

// The SDK reads OPENAI_BASE_URL and OPENAI_API_KEY from the environment.
const client = new OpenAI();
const model = process.env.MODEL ?? 'gpt2-tiny';

const completion = await client.chat.completions.create({
  model,
  messages: [{ role: 'user', content: 'Say hello.' }],
  max_tokens: 16,
  seed: 1, // the same seed and request give the same answer
});

console.log(completion.choices[0].message.content);
console.log(`${completion.usage.total_tokens} tokens, finish_reason ${completion.choices[0].finish_reason}`);
