"""PyTorch peer of bench/DslNas.Bench's runtime benchmark: the same BERT-style encoder, op for op.

Prints one JSON object: {"train_ms": [...], "infer_ms": [...]} for the shape given on the command line.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, hidden, heads, dropout):
        super().__init__()
        self.heads, self.size = heads, hidden // heads
        self.query, self.key, self.value = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)
        self.output = nn.Linear(hidden, hidden)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, mask):
        b, s, _ = x.shape
        q = self.query(x).view(b, s, self.heads, self.size).transpose(1, 2)
        k = self.key(x).view(b, s, self.heads, self.size).transpose(1, 2)
        v = self.value(x).view(b, s, self.heads, self.size).transpose(1, 2)
        scores = q.matmul(k.transpose(-1, -2)).mul(1 / math.sqrt(self.size)).add(mask)
        context = self.dropout(scores.softmax(-1)).matmul(v).transpose(1, 2).reshape(b, s, self.heads * self.size)
        return self.output(context)


class Layer(nn.Module):
    def __init__(self, hidden, heads, ffn, dropout):
        super().__init__()
        self.attention = Attention(hidden, heads, dropout)
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.intermediate, self.output = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, mask):
        h = self.attention_norm(x.add(self.dropout(self.attention(x, mask))))
        return self.output_norm(h.add(self.dropout(self.output(F.gelu(self.intermediate(h))))))


class Encoder(nn.Module):
    def __init__(self, vocab, positions, hidden, layers, heads, ffn, dropout=0.1):
        super().__init__()
        self.token_embedding, self.position_embedding = nn.Embedding(vocab, hidden), nn.Embedding(positions, hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList([Layer(hidden, heads, ffn, dropout) for _ in range(layers)])

    def forward(self, ids, keep):
        mask = ((1.0 - keep.float()) * -10000.0).unsqueeze(1).unsqueeze(1)
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        x = self.dropout(self.embedding_norm(self.token_embedding(ids).add(self.position_embedding(positions))))
        for layer in self.layers:
            x = layer(x, mask)
        return x


def main():
    p = argparse.ArgumentParser()
    for name in ["layers", "hidden", "heads", "ffn", "seq", "batch", "vocab", "threads", "warmup", "repeats"]:
        p.add_argument("--" + name, type=int, required=True)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    encoder = Encoder(a.vocab, a.seq, a.hidden, a.layers, a.heads, a.ffn)
    head = nn.Linear(a.hidden, 2)
    params = list(encoder.parameters()) + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=1e-4, weight_decay=0.01)
    ids = torch.randint(0, a.vocab, (a.batch, a.seq))
    keep = torch.ones(a.batch, a.seq, dtype=torch.long)
    labels = torch.randint(0, 2, (a.batch,))

    def train_step():
        optimizer.zero_grad()
        loss = F.cross_entropy(head(encoder(ids, keep).select(1, 0)), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()

    one_ids, one_keep = ids[:1].clone(), keep[:1].clone()

    def infer():
        with torch.no_grad():
            head(encoder(one_ids, one_keep).select(1, 0))

    def timed(fn, train):
        encoder.train(train)
        for _ in range(a.warmup):
            fn()
        times = []
        for _ in range(a.repeats):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        return times

    print(json.dumps({"train_ms": timed(train_step, True), "infer_ms": timed(infer, False)}))


if __name__ == "__main__":
    main()
