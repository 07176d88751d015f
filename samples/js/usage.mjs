// The caller's usage and cost (GET /v1/usage) and what is left of its limits (GET /v1/quota). These are this API's
// routes, not OpenAI's, so the SDK has no method for them: its generic client.get sends them with the same base URL,
// key, timeouts and retries.
//   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... node usage.mjs
import OpenAI from 'openai';

const client = new OpenAI();

// Per UTC day and model, the last 30 days by default (?start=2026-12-01&end=...&group_by=day narrow it).
const usage = await client.get('/usage');
for (const row of usage.data) {
  const day = new Date(row.timestamp * 1000).toISOString().slice(0, 10);
  console.log(`${day} ${row.model}: ${row.requests} requests, ${row.total_tokens} tokens, cost ${row.cost}`);
}
console.log(`total: ${usage.total.requests} requests, ${usage.total.total_tokens} tokens, cost ${usage.total.cost}`);

// Each limit of the key (rpm, tpm, rpd, tpd, budget, jobs, ...) with its use in the current window.
const quota = await client.get('/quota');
for (const line of quota.usage) {
  console.log(`${line.limit}: ${line.used} of ${line.value} used, ${line.remaining} left`);
}
