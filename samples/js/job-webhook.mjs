// An async job with a webhook: submit the work, get 202 at once, and let the API call you back, signed, when the
// job ends. The receiver checks the signature with the official SDK's client.webhooks.unwrap and the key's
// webhook secret (webhook_secret, shown once when the key was made).
//   OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... OPENAI_WEBHOOK_SECRET=whsec_... node job-webhook.mjs
// The receiver listens on 127.0.0.1, which a local stack (./run.sh) allows; a deployed API calls only public https URLs.
import http from 'node:http';
import OpenAI from 'openai';

// The SDK reads OPENAI_WEBHOOK_SECRET too, for client.webhooks.unwrap.
const client = new OpenAI();
const model = process.env.MODEL ?? 'gpt2-tiny';

// 1. The receiver: verify the raw body before trusting it, answer 2xx quickly (the API retries anything else).
let resolveJob;
let rejectJob;
const delivered = new Promise((resolve, reject) => { resolveJob = resolve; rejectJob = reject; });
const receiver = http.createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString('utf8'); // exactly as sent: the signature covers these bytes
  try {
    const job = await client.webhooks.unwrap(body, request.headers);
    response.writeHead(200).end();
    resolveJob(job);
  } catch (error) {
    response.writeHead(400).end();
    // A real receiver goes on serving; this sample stops: the likeliest cause is the wrong secret.
    rejectJob(new Error(`a webhook call did not verify (is OPENAI_WEBHOOK_SECRET this key's webhook_secret?): ${error.message}`));
  }
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const webhook = `http://127.0.0.1:${receiver.address().port}/hooks/jobs`;

try {
  // 2. Submit: the body of /v1/chat/completions plus `webhook` (and optionally `timeout_seconds`). The SDK has no
  // method for this API's job routes; its generic client.post sends them. maxRetries 0: a submit is not idempotent,
  // and a retry after a lost answer could run (and bill) the job twice.
  const submitted = await client.post('/async/chat/completions', {
    body: { model, messages: [{ role: 'user', content: 'Write a haiku about queues.' }], max_tokens: 16, webhook },
    maxRetries: 0,
  });
  console.log(`submitted ${submitted.id}: ${submitted.status}`);

  // 3. Wait for the call (a real service would not wait: the webhook handler does the work).
  setTimeout(() => rejectJob(new Error(`no webhook call for ${submitted.id} within 2 minutes`)), 120_000).unref();
  const job = await delivered;
  if (job.id !== submitted.id || job.status !== 'succeeded') throw new Error(`job ${job.id} ${job.status}: ${JSON.stringify(job.error)}`);

  // The webhook carries the job object with its result: the chat completion as /v1/chat/completions answers it.
  console.log(`${job.id} ${job.status}: ${JSON.stringify(job.result.choices[0].message.content)} (${job.usage.total_tokens} tokens)`);

  // Polling works too, for a client that cannot take calls: GET /v1/async/completions/{id}.
  const polled = await client.get(`/async/completions/${job.id}`);
  console.log(`polled: ${polled.status}`);
} finally {
  receiver.close();
}
