"""PyTorch peer of bench/DslNas.Bench's pretraining benchmark: MLM training steps of the encoder in encoder_pytorch.py
with BERT's decoder tied to the token embeddings, as DslNas's MlmPretrainer trains it.

Each step masks a batch of full-length sequences afresh (15% of ordinary tokens; 80% [MASK], 10% random, 10% kept),
decodes the masked positions only, and takes cross entropy, backward, gradient clipping, an AdamW step and a
linear warmup-decay schedule step. Prints one JSON object: {"train_ms": [...], "blas_core": "..."}.
"""
import argparse
import ctypes
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from encoder_pytorch import Encoder

PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4
SPECIAL = 5
IGNORE = -100


class MlmModel(nn.Module):
    def __init__(self, encoder, vocab):
        super().__init__()
        self.encoder = encoder
        self.mlm_bias = nn.Parameter(torch.zeros(vocab))

    def decode(self, hidden):
        return F.linear(hidden, self.encoder.token_embedding.weight, self.mlm_bias)


def mask(ids, vocab, probability=0.15):
    chosen = torch.bernoulli(torch.full(ids.shape, probability)).bool() & (ids >= SPECIAL)
    inputs = ids.clone()
    roll = torch.rand(ids.shape)
    inputs[chosen & (roll < 0.8)] = MASK
    replaced = chosen & (roll >= 0.8) & (roll < 0.9)
    inputs[replaced] = torch.randint(SPECIAL, vocab, ids.shape)[replaced]
    return inputs, chosen


def blas_core():
    try:
        blas = ctypes.CDLL("libblas.so.3")
        blas.openblas_get_corename.restype = ctypes.c_char_p
        return blas.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return "(not OpenBLAS)"


def main():
    p = argparse.ArgumentParser()
    for name in ["layers", "hidden", "heads", "ffn", "seq", "batch", "vocab", "threads", "warmup", "repeats"]:
        p.add_argument("--" + name, type=int, required=True)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = MlmModel(Encoder(a.vocab, a.seq, a.hidden, a.layers, a.heads, a.ffn), a.vocab)
    params = list(model.parameters())
    steps = a.warmup + a.repeats
    optimizer = torch.optim.AdamW(params, lr=1e-4, weight_decay=0.01)
    warmup_steps = steps // 10
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: s / max(1, warmup_steps) if s < warmup_steps else max(0.0, (steps - s) / max(1, steps - warmup_steps)))
    sequences = torch.randint(SPECIAL, a.vocab, (steps, a.batch, a.seq))
    sequences[:, :, 0], sequences[:, :, -1] = CLS, SEP
    keep = torch.ones(a.batch, a.seq, dtype=torch.long)

    def train_step(ids):
        optimizer.zero_grad()
        inputs, chosen = mask(ids, a.vocab)
        positions = chosen.view(-1).nonzero().squeeze(1)
        hidden = model.encoder(inputs, keep).reshape(-1, a.hidden).index_select(0, positions)
        loss = F.cross_entropy(model.decode(hidden), ids.view(-1).index_select(0, positions))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        schedule.step()

    model.train()
    times = []
    for step in range(steps):
        start = time.perf_counter()
        train_step(sequences[step])
        if step >= a.warmup:
            times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"train_ms": times, "blas_core": blas_core()}))


if __name__ == "__main__":
    main()
