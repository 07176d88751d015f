"""An independent numpy implementation of the causal LMs this project builds (GPT-2 and Llama-family).

It reads the weights straight out of model.onnx (a minimal protobuf reader: no onnx package), implements the
forward pass from the architectures' definitions, not from the ONNX graph, and runs a prefill and greedy decode
steps with its own KV cache. For an fp16 model it rounds what the exported model rounds: weights are stored in
fp16, the cache is kept in fp16 between steps, and logits are returned in fp16.

stdin:  {"model": folder, "architecture": "gpt2" | "llama", "heads": n (gpt2 only), "float16": bool,
         "prompt": [ids], "steps": n, "logits": path}
stdout: {"tokens": [greedy ids]}: the prefill's argmax, then one per decode step (steps + 1 in all); the logits
        they were taken from, float32 little-endian [steps + 1, vocab], are written to the "logits" path.
"""
import json
import os
import sys

import numpy as np

FLOAT, INT64, FLOAT16 = 1, 7, 10


def varint(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def fields(data, start=0, end=None):
    """Yields (field number, wire type, value) of one protobuf message; length-delimited values are (start, end)."""
    pos, end = start, len(data) if end is None else end
    while pos < end:
        key, pos = varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(data, pos)
        elif wire == 2:
            length, pos = varint(data, pos)
            value, pos = (pos, pos + length), pos + length
        elif wire == 1:
            value, pos = data[pos:pos + 8], pos + 8
        elif wire == 5:
            value, pos = data[pos:pos + 4], pos + 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield number, wire, value


def initializers(path):
    """ModelProto.graph (7) -> GraphProto.initializer (5) -> TensorProto dims (1), data_type (2), name (8), raw_data (9)."""
    data = open(path, "rb").read()
    graph = next(v for n, w, v in fields(data) if n == 7)
    tensors = {}
    for number, _, value in fields(data, *graph):
        if number != 5:
            continue
        dims, dtype, name, raw = [], None, None, b""
        for n, w, v in fields(data, *value):
            if n == 1 and w == 0:
                dims.append(v)
            elif n == 1 and w == 2:
                pos, stop = v
                while pos < stop:
                    d, pos = varint(data, pos)
                    dims.append(d)
            elif n == 2:
                dtype = v
            elif n == 8:
                name = data[v[0]:v[1]].decode()
            elif n == 9:
                raw = data[v[0]:v[1]]
        numpy_type = {FLOAT: np.float32, FLOAT16: np.float16, INT64: np.int64}[dtype]
        tensors[name] = np.frombuffer(raw, dtype=numpy_type).reshape(dims)
    return tensors


def softmax(x):
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


class Cache:
    """Past keys and values per layer; an fp16 model hands them back in fp16 between steps."""

    def __init__(self, float16):
        self.float16 = float16
        self.keys, self.values = {}, {}

    def extend(self, layer, key, value):
        past_key = self.keys.get(layer)
        past_value = self.values.get(layer)
        keys = key if past_key is None else np.concatenate([past_key.astype(np.float32), key], axis=1)
        values = value if past_value is None else np.concatenate([past_value.astype(np.float32), value], axis=1)
        stored = np.float16 if self.float16 else np.float32
        self.keys[layer], self.values[layer] = keys.astype(stored), values.astype(stored)
        return keys, values


def causal_attention(q, k, v):
    """q [heads, new, hd], k/v [heads, total, hd]: query j of the new positions sees keys 0..past+j."""
    new, total = q.shape[1], k.shape[1]
    scores = q @ k.transpose(0, 2, 1)
    allowed = np.arange(total)[None, :] <= (np.arange(new)[:, None] + total - new)
    return softmax(np.where(allowed, scores, np.float32(-1e9))) @ v


class Gpt2:
    def __init__(self, w, heads):
        self.w, self.heads = w, heads
        self.layers = len({k.split(".")[2] for k in w if k.startswith("transformer.h.")})

    def layer_norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + np.float32(1e-5)) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def linear(self, x, name):
        return x @ self.w[name + ".weight"] + self.w[name + ".bias"]

    def forward(self, ids, start, cache):
        w = self.w
        x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][np.arange(start, start + len(ids))]
        d = x.shape[-1]
        hd = d // self.heads
        for i in range(self.layers):
            p = f"transformer.h.{i}"
            qkv = self.linear(self.layer_norm(x, p + ".ln_1"), p + ".attn.c_attn")
            q, k, v = (t.reshape(len(ids), self.heads, hd).transpose(1, 0, 2) for t in np.split(qkv, 3, axis=-1))
            k, v = cache.extend(i, k, v)
            context = causal_attention(q / np.float32(np.sqrt(hd)), k, v)
            x = x + self.linear(context.transpose(1, 0, 2).reshape(len(ids), d), p + ".attn.c_proj")
            h = self.linear(self.layer_norm(x, p + ".ln_2"), p + ".mlp.c_fc")
            gelu = np.float32(0.5) * h * (1 + np.tanh(np.float32(np.sqrt(2 / np.pi)) * (h + np.float32(0.044715) * h ** 3)))
            x = x + self.linear(gelu, p + ".mlp.c_proj")
        x = self.layer_norm(x, "transformer.ln_f")
        return x[-1] @ w["transformer.wte.weight"].T


class Llama:
    def __init__(self, w, config):
        self.w, self.c = w, config
        self.heads = config["num_attention_heads"]
        self.kv_heads = config["num_key_value_heads"]
        self.hd = config["hidden_size"] // self.heads
        half = np.arange(0, self.hd, 2, dtype=np.int64).astype(np.float32) / np.float32(self.hd)
        self.inv_freq = (np.float32(1.0) / (np.float32(config["rope_theta"]) ** half)).astype(np.float32)

    def rms_norm(self, x, name):
        variance = (x * x).mean(-1, keepdims=True)
        return x / np.sqrt(variance + np.float32(self.c["rms_norm_eps"])) * self.w[name + ".weight"]

    def rope(self, x, positions):
        """x [heads, n, hd]; rotate_half(x) = [-x2, x1]; the angles are repeated for both halves."""
        angles = positions[:, None].astype(np.float32) * self.inv_freq[None, :]
        both = np.concatenate([angles, angles], axis=-1)
        x1, x2 = x[..., : self.hd // 2], x[..., self.hd // 2:]
        return x * np.cos(both) + np.concatenate([-x2, x1], axis=-1) * np.sin(both)

    def forward(self, ids, start, cache):
        w, n = self.w, len(ids)
        positions = np.arange(start, start + n)
        x = w["model.embed_tokens.weight"][ids]
        group = self.heads // self.kv_heads
        for i in range(self.c["num_hidden_layers"]):
            p = f"model.layers.{i}"
            a = self.rms_norm(x, p + ".input_layernorm")
            q = (a @ w[p + ".self_attn.q_proj.weight"]).reshape(n, self.heads, self.hd).transpose(1, 0, 2)
            k = (a @ w[p + ".self_attn.k_proj.weight"]).reshape(n, self.kv_heads, self.hd).transpose(1, 0, 2)
            v = (a @ w[p + ".self_attn.v_proj.weight"]).reshape(n, self.kv_heads, self.hd).transpose(1, 0, 2)
            q, k = self.rope(q, positions), self.rope(k, positions)
            k, v = cache.extend(i, k, v)
            # Grouped-query attention: query head h reads KV head h // group.
            k, v = np.repeat(k, group, axis=0), np.repeat(v, group, axis=0)
            context = causal_attention(q / np.float32(np.sqrt(self.hd)), k, v)
            x = x + context.transpose(1, 0, 2).reshape(n, -1) @ w[p + ".self_attn.o_proj.weight"]
            h = self.rms_norm(x, p + ".post_attention_layernorm")
            gate = h @ w[p + ".mlp.gate_proj.weight"]
            silu = gate / (1 + np.exp(-gate))
            x = x + (silu * (h @ w[p + ".mlp.up_proj.weight"])) @ w[p + ".mlp.down_proj.weight"]
        x = self.rms_norm(x, "model.norm")
        return x[-1] @ w["lm_head.weight"].T


def main():
    request = json.load(sys.stdin)
    float16 = request["float16"]
    weights = {k: v.astype(np.float32) if v.dtype == np.float16 else v for k, v in initializers(os.path.join(request["model"], "model.onnx")).items()}
    if request["architecture"] == "gpt2":
        model = Gpt2(weights, request["heads"])
    else:
        model = Llama(weights, json.load(open(os.path.join(request["model"], "config.json"))))

    cache = Cache(float16)
    rows, tokens, start, step_ids = [], [], 0, request["prompt"]
    for _ in range(request["steps"] + 1):
        logits = model.forward(np.array(step_ids), start, cache).astype(np.float32)
        if float16:
            logits = logits.astype(np.float16).astype(np.float32)
        rows.append(logits)
        start += len(step_ids)
        token = int(np.argmax(logits))
        tokens.append(token)
        step_ids = [token]
    np.stack(rows).astype("<f4").tofile(request["logits"])
    json.dump({"tokens": tokens}, sys.stdout)


if __name__ == "__main__":
    main()
