"""Writes a tiny BERT in Hugging Face's layout (config.json, model.safetensors, vocab.txt) and reference.json:
fixed input ids and attention mask, and the model's last hidden states and pooler output for them. Then the same
encoder as a BertForMaskedLM into ../bert-mlm: tensors under "bert.", the head's cls.predictions.* (transform and
bias; the decoder weight is tied to the word embeddings, so save_pretrained leaves it out), and the head's logits.

The modules copy transformers' BertModel (names, post-norm layers, erf GELU, LayerNorm eps 1e-12, additive mask
of the dtype's minimum) in plain PyTorch, so no transformers or safetensors package is needed. Tensors are saved
with BertModel.save_pretrained's names (no "bert." prefix), including the position_ids buffer that
transformers before 4.31 saved.

Run from this folder with Debian's python3-torch:  /usr/bin/python3 make_bert.py
"""
import json
import math
import os
import struct

import torch
from torch import nn

VOCAB, HIDDEN, LAYERS, HEADS, INTERMEDIATE, POSITIONS, TYPES = 30, 16, 2, 2, 32, 8, 2
EPS = 1e-12


class BertEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCAB, HIDDEN, padding_idx=0)
        self.position_embeddings = nn.Embedding(POSITIONS, HIDDEN)
        self.token_type_embeddings = nn.Embedding(TYPES, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.register_buffer("position_ids", torch.arange(POSITIONS).expand((1, -1)))

    def forward(self, input_ids, token_type_ids):
        positions = self.position_ids[:, : input_ids.size(1)]
        embeddings = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        embeddings = embeddings + self.position_embeddings(positions)
        return self.LayerNorm(embeddings)


class BertSelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.head_size = HIDDEN // HEADS
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)

    def split_heads(self, x):
        return x.view(x.size(0), x.size(1), HEADS, self.head_size).permute(0, 2, 1, 3)

    def forward(self, hidden, additive_mask):
        q, k, v = self.split_heads(self.query(hidden)), self.split_heads(self.key(hidden)), self.split_heads(self.value(hidden))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_size) + additive_mask
        context = scores.softmax(-1) @ v
        return context.permute(0, 2, 1, 3).reshape(hidden.size(0), hidden.size(1), HIDDEN)


class BertSelfOutput(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(HIDDEN, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)

    def forward(self, hidden, residual):
        return self.LayerNorm(self.dense(hidden) + residual)


class BertAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.self = BertSelfAttention()
        self.output = BertSelfOutput()

    def forward(self, hidden, additive_mask):
        return self.output(self.self(hidden, additive_mask), hidden)


class BertIntermediate(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(HIDDEN, INTERMEDIATE)

    def forward(self, hidden):
        return nn.functional.gelu(self.dense(hidden))


class BertOutput(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(INTERMEDIATE, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)

    def forward(self, hidden, residual):
        return self.LayerNorm(self.dense(hidden) + residual)


class BertLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = BertAttention()
        self.intermediate = BertIntermediate()
        self.output = BertOutput()

    def forward(self, hidden, additive_mask):
        attended = self.attention(hidden, additive_mask)
        return self.output(self.intermediate(attended), attended)


class BertEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.ModuleList([BertLayer() for _ in range(LAYERS)])

    def forward(self, hidden, additive_mask):
        for layer in self.layer:
            hidden = layer(hidden, additive_mask)
        return hidden


class BertPooler(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(HIDDEN, HIDDEN)

    def forward(self, hidden):
        return self.dense(hidden[:, 0]).tanh()


class BertModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = BertEmbeddings()
        self.encoder = BertEncoder()
        self.pooler = BertPooler()

    def forward(self, input_ids, attention_mask):
        additive_mask = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        hidden = self.encoder(self.embeddings(input_ids, torch.zeros_like(input_ids)), additive_mask)
        return hidden, self.pooler(hidden)


torch.manual_seed(20240611)
model = BertModel().eval()
with torch.no_grad():
    # Spread every weight (layer norms and token types included) so that a misplaced or transposed tensor,
    # or a token type row left unfolded, moves the outputs far beyond the tolerance.
    for name, parameter in model.named_parameters():
        if "LayerNorm.weight" in name:
            parameter.copy_(1.0 + 0.3 * torch.randn_like(parameter))
        else:
            parameter.copy_(0.4 * torch.randn_like(parameter))

input_ids = torch.tensor([[2, 7, 19, 11, 26, 5, 14, 3], [2, 9, 23, 3, 0, 0, 0, 0]])
attention_mask = torch.tensor([[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0, 0, 0]])
with torch.no_grad():
    last_hidden_state, pooler_output = model(input_ids, attention_mask)

config = {
    "architectures": ["BertModel"],
    "attention_probs_dropout_prob": 0.1,
    "classifier_dropout": None,
    "hidden_act": "gelu",
    "hidden_dropout_prob": 0.1,
    "hidden_size": HIDDEN,
    "initializer_range": 0.02,
    "intermediate_size": INTERMEDIATE,
    "layer_norm_eps": EPS,
    "max_position_embeddings": POSITIONS,
    "model_type": "bert",
    "num_attention_heads": HEADS,
    "num_hidden_layers": LAYERS,
    "pad_token_id": 0,
    "position_embedding_type": "absolute",
    "torch_dtype": "float32",
    "transformers_version": "4.30.2",
    "type_vocab_size": TYPES,
    "use_cache": True,
    "vocab_size": VOCAB,
}


def write_config(path, config):
    with open(path, "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def write_safetensors(path, tensors):
    """safetensors as its specification describes it: an 8-byte little-endian header length, the JSON header, the data."""
    codes = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, tensor in tensors.items():
        blob = tensor.contiguous().numpy().tobytes()
        header[name] = {"dtype": codes[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def write_vocabulary(path):
    words = ["the", "a", "mail", "spam", "free", "offer", "click", "here", "meeting", "today", "report", "##s", "##ing",
             "win", "money", "now", "please", "reply", "send", "attached", "file", "team", "week", "thanks", "hello"]
    with open(path, "w") as f:
        f.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words) + "\n")


write_config("config.json", config)
write_safetensors("model.safetensors", model.state_dict())
write_vocabulary("vocab.txt")


def encode(t):
    return {"shape": list(t.shape), "data": t.flatten().tolist()}


with open("reference.json", "w") as f:
    json.dump({"torch": torch.__version__, "input_ids": input_ids.tolist(), "attention_mask": attention_mask.tolist(),
               "last_hidden_state": encode(last_hidden_state), "pooler_output": encode(pooler_output)}, f)
print(f"wrote a BERT of {sum(p.numel() for p in model.parameters())} parameters")


class BertPredictionHeadTransform(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(HIDDEN, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)

    def forward(self, hidden):
        return self.LayerNorm(nn.functional.gelu(self.dense(hidden)))


class BertLMPredictionHead(nn.Module):
    def __init__(self, word_embeddings):
        super().__init__()
        self.transform = BertPredictionHeadTransform()
        self.word_embeddings = word_embeddings
        self.bias = nn.Parameter(torch.zeros(VOCAB))

    def forward(self, hidden):
        return self.transform(hidden) @ self.word_embeddings.weight.T + self.bias


head = BertLMPredictionHead(model.embeddings.word_embeddings).eval()
with torch.no_grad():
    head.transform.dense.weight.copy_(0.4 * torch.randn(HIDDEN, HIDDEN))
    head.transform.dense.bias.copy_(0.4 * torch.randn(HIDDEN))
    head.transform.LayerNorm.weight.copy_(1.0 + 0.3 * torch.randn(HIDDEN))
    head.transform.LayerNorm.bias.copy_(0.4 * torch.randn(HIDDEN))
    head.bias.copy_(2.0 * torch.randn(VOCAB))
    logits = head(last_hidden_state)

tensors = {"bert." + name: tensor for name, tensor in model.state_dict().items() if not name.startswith("pooler.")}
tensors.update({
    "cls.predictions.bias": head.bias.detach(),
    "cls.predictions.transform.dense.weight": head.transform.dense.weight.detach(),
    "cls.predictions.transform.dense.bias": head.transform.dense.bias.detach(),
    "cls.predictions.transform.LayerNorm.weight": head.transform.LayerNorm.weight.detach(),
    "cls.predictions.transform.LayerNorm.bias": head.transform.LayerNorm.bias.detach(),
})
os.makedirs("../bert-mlm", exist_ok=True)
write_config("../bert-mlm/config.json", dict(config, architectures=["BertForMaskedLM"]))
write_safetensors("../bert-mlm/model.safetensors", tensors)
write_vocabulary("../bert-mlm/vocab.txt")
with open("../bert-mlm/reference.json", "w") as f:
    json.dump({"torch": torch.__version__, "input_ids": input_ids.tolist(), "attention_mask": attention_mask.tolist(),
               "logits": encode(logits)}, f)
print("wrote the same encoder as a BertForMaskedLM with its head")
