"""A streamed chat completion: the text arrives token by token as server-sent events.

    OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... python stream.py
"""
import os

from openai import OpenAI

client = OpenAI()
model = os.environ.get("MODEL", "gpt2-tiny")

stream = client.chat.completions.create(
    model=model,
    messages=[{"role": "user", "content": "Count to five."}],
    max_tokens=16,
    stream=True,
    stream_options={"include_usage": True},  # a last chunk with the usage of the whole answer
)

usage = None
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
    usage = chunk.usage or usage
print()

if usage is None:
    raise SystemExit("the stream ended without its usage chunk")
print(f"{usage.completion_tokens} tokens streamed")
