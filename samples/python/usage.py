"""The caller's usage and cost (GET /v1/usage) and what is left of its limits (GET /v1/quota).

These are this API's routes, not OpenAI's, so the SDK has no method for them: its generic client.get sends them with
the same base URL, key, timeouts and retries (cast_to=object answers the parsed JSON).

    OPENAI_BASE_URL=http://127.0.0.1:7071/v1 OPENAI_API_KEY=sk-... python usage.py
"""
from datetime import datetime, timezone

from openai import OpenAI

client = OpenAI()

# Per UTC day and model, the last 30 days by default (?start=2026-12-01&end=...&group_by=day narrow it).
usage = client.get("/usage", cast_to=object)
for row in usage["data"]:
    day = datetime.fromtimestamp(row["timestamp"], timezone.utc).date()
    print(f"{day} {row['model']}: {row['requests']} requests, {row['total_tokens']} tokens, cost {row['cost']}")
total = usage["total"]
print(f"total: {total['requests']} requests, {total['total_tokens']} tokens, cost {total['cost']}")

# Each limit of the key (rpm, tpm, rpd, tpd, budget, jobs, ...) with its use in the current window.
quota = client.get("/quota", cast_to=object)
for line in quota["usage"]:
    print(f"{line['limit']}: {line['used']} of {line['value']} used, {line['remaining']} left")
