"""A chat completion with the official OpenAI Python SDK, unmodified: only the base URL points at this API.

    OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... python chat.py
"""
import os

from openai import OpenAI

# The SDK reads OPENAI_BASE_URL and OPENAI_API_KEY from the environment.
client = OpenAI()
model = os.environ.get("MODEL", "gpt2-tiny")

completion = client.chat.completions.create(
    model=model,
    messages=[{"role": "user", "content": "Say hello."}],
    max_tokens=16,
    seed=1,  # the same seed and request give the same answer
)

print(completion.choices[0].message.content)
print(f"{completion.usage.total_tokens} tokens, finish_reason {completion.choices[0].finish_reason}")
