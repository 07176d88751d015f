"""An async job with a webhook: submit the work, get 202 at once, and let the API call you back, signed, when the
job ends. The receiver checks the signature with the official SDK's client.webhooks.verify_signature and the key's
webhook secret (webhook_secret, shown once when the key was made).

    OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... OPENAI_WEBHOOK_SECRET=whsec_... python job_webhook.py

The receiver listens on 127.0.0.1, which a local stack (./run.sh) allows; a deployed API calls only public https URLs.
"""
import json
import os
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from openai import InvalidWebhookSignatureError, OpenAI

# The SDK reads OPENAI_WEBHOOK_SECRET too, for client.webhooks.verify_signature.
client = OpenAI()
model = os.environ.get("MODEL", "gpt2-tiny")
delivered: "queue.Queue[dict | Exception]" = queue.Queue()


class Receiver(BaseHTTPRequestHandler):
    """Verifies the raw body before trusting it, and answers 2xx quickly (the API retries anything else)."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))  # exactly as sent: the signature covers these bytes
        try:
            client.webhooks.verify_signature(body, dict(self.headers))
        except (InvalidWebhookSignatureError, ValueError) as error:  # a bad signature or timestamp; a missing header
            self.send_response(400)
            self.end_headers()
            # A real receiver goes on serving; this sample stops: the likeliest cause is the wrong secret.
            delivered.put(error)
            return
        self.send_response(200)
        self.end_headers()
        # The body is the job object (not one of OpenAI's event types), so it is read as JSON, not with unwrap.
        delivered.put(json.loads(body))

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet


# 1. The receiver, on a free port.
server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
webhook = f"http://127.0.0.1:{server.server_address[1]}/hooks/jobs"

try:
    # 2. Submit: the body of /v1/chat/completions plus `webhook` (and optionally `timeout_seconds`). The SDK has no
    # method for this API's job routes; its generic client.post sends them. max_retries 0: a submit is not
    # idempotent, and a retry after a lost answer could run (and bill) the job twice.
    submitted = client.post(
        "/async/chat/completions",
        cast_to=object,
        body={"model": model, "messages": [{"role": "user", "content": "Write a haiku about queues."}], "max_tokens": 16, "webhook": webhook},
        options={"max_retries": 0},
    )
    print(f"submitted {submitted['id']}: {submitted['status']}")

    # 3. Wait for the call (a real service would not wait: the webhook handler does the work).
    try:
        job = delivered.get(timeout=120)
    except queue.Empty:
        raise SystemExit(f"no webhook call for {submitted['id']} within 2 minutes")
    if isinstance(job, Exception):
        raise SystemExit(f"a webhook call did not verify (is OPENAI_WEBHOOK_SECRET this key's webhook_secret?): {job}")
    if job["id"] != submitted["id"] or job["status"] != "succeeded":
        raise SystemExit(f"job {job['id']} {job['status']}: {job.get('error')}")

    # The webhook carries the job object with its result: the chat completion as /v1/chat/completions answers it.
    content = job["result"]["choices"][0]["message"]["content"]
    print(f"{job['id']} {job['status']}: {json.dumps(content)} ({job['usage']['total_tokens']} tokens)")

    # Polling works too, for a client that cannot take calls.
    polled = client.get(f"/async/completions/{job['id']}", cast_to=object)
    print(f"polled: {polled['status']}")
finally:
    server.shutdown()
