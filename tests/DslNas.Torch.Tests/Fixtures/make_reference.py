"""Writes reference.json: inputs and PyTorch's outputs for the op tests of DslNas.Torch.

Run with Debian's python3-torch:  /usr/bin/python3 make_reference.py
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(1234)
cases = []


def enc(t):
    t = t.detach().contiguous()
    kind = {torch.float32: "f32", torch.float64: "f64", torch.int64: "i64", torch.bool: "bool"}[t.dtype]
    data = t.flatten().tolist()
    if kind == "bool":
        data = [bool(v) for v in data]
    return {"dtype": kind, "shape": list(t.shape), "data": data}


def case(name, inputs, outputs):
    cases.append({"name": name,
                  "inputs": {k: enc(v) for k, v in inputs.items()},
                  "outputs": [enc(o) for o in (outputs if isinstance(outputs, (list, tuple)) else [outputs])]})


r = lambda *s: torch.randn(*s)
a, b, row = r(2, 3), r(2, 3), r(3)
pos = torch.rand(2, 3) + 0.5
case("add_broadcast", {"a": a, "b": row}, a + row)
case("sub", {"a": a, "b": b}, a - b)
case("mul", {"a": a, "b": b}, a * b)
case("div", {"a": a, "b": pos}, a / pos)
case("pow_scalar", {"a": pos}, pos ** 2.5)
case("scalar_ops", {"a": a}, (2.0 - a) * 3.0 + 1.5)
case("neg", {"a": a}, -a)
case("exp", {"a": a}, a.exp())
case("log", {"a": pos}, pos.log())
case("sqrt", {"a": pos}, pos.sqrt())
case("rsqrt", {"a": pos}, pos.rsqrt())
case("abs", {"a": a}, a.abs())
case("tanh", {"a": a}, a.tanh())
case("sigmoid", {"a": a}, a.sigmoid())
case("relu", {"a": a}, a.relu())
case("gelu", {"a": a}, F.gelu(a))
case("gelu_tanh", {"a": a}, F.gelu(a, approximate="tanh"))
case("clamp", {"a": a}, a.clamp(-0.5, 0.5))
case("maximum", {"a": a, "b": b}, torch.maximum(a, b))
case("compare", {"a": a, "b": b}, [a.lt(b), a.ge(0.0), a.eq(a), a.ne(b)])
m1, m2 = r(4, 5), r(5, 3)
case("matmul", {"a": m1, "b": m2}, m1 @ m2)
ba, bb = r(2, 3, 4, 5), r(5, 6)
case("matmul_broadcast", {"a": ba, "b": bb}, ba @ bb)
x, y = r(3, 4, 5), r(3, 5, 2)
case("bmm", {"a": x, "b": y}, torch.bmm(x, y))
inp, w, bias = r(2, 3, 4), r(5, 4), r(5)
case("linear", {"x": inp, "w": w, "b": bias}, F.linear(inp, w, bias))
ci, cw, cb = r(2, 4, 9), r(6, 4, 3), r(6)
case("conv1d", {"x": ci, "w": cw, "b": cb}, F.conv1d(ci, cw, cb, padding=1))
dw = r(4, 1, 5)
case("conv1d_depthwise", {"x": ci, "w": dw}, F.conv1d(ci, dw, None, padding=2, groups=4))
table, ids = r(10, 4), torch.tensor([[1, 3, 3], [9, 0, 2]])
case("embedding", {"w": table, "ids": ids}, F.embedding(ids, table))
logits = r(3, 5)
case("softmax", {"a": logits}, logits.softmax(-1))
case("log_softmax", {"a": logits}, logits.log_softmax(0))
ln_x, ln_w, ln_b = r(2, 3, 6), r(6), r(6)
case("layer_norm", {"x": ln_x, "w": ln_w, "b": ln_b}, F.layer_norm(ln_x, [6], ln_w, ln_b, 1e-5))
t3 = r(2, 3, 4)
case("sum", {"a": t3}, [t3.sum(), t3.sum(dim=1), t3.sum(dim=(0, 2), keepdim=True)])
case("mean", {"a": t3}, [t3.mean(), t3.mean(dim=-1)])
mv, mi = t3.max(dim=1)
case("max", {"a": t3}, [t3.max(), mv, mi, t3.argmax(dim=2), t3.argmax()])
case("cumsum", {"a": t3}, t3.cumsum(1))
target = torch.tensor([1, 4, 0])
case("cross_entropy", {"x": logits, "t": target}, F.cross_entropy(logits, target))
ignored = torch.tensor([1, -100, 0])
case("cross_entropy_ignore_smooth", {"x": logits, "t": ignored},
     [F.cross_entropy(logits, ignored), F.cross_entropy(logits, target, label_smoothing=0.1),
      F.cross_entropy(logits, target, reduction="none")])
q = r(3, 5).log_softmax(-1)
p = r(3, 5).softmax(-1)
case("kl_div", {"q": q, "p": p}, [F.kl_div(q, p, reduction="batchmean"), F.kl_div(q, p, reduction="sum")])
case("mse_loss", {"a": a, "b": b}, [F.mse_loss(a, b), F.mse_loss(a, b, reduction="sum")])
v = torch.arange(24.0).reshape(2, 3, 4)
case("views", {"a": v}, [v.view(6, 4), v.reshape(4, -1), v.permute(2, 0, 1), v.transpose(0, 2).contiguous(),
                         v[:, :1, :].expand(2, 3, 4), v.unsqueeze(1), v[:, :1, :].squeeze(1), v.narrow(2, 1, 2),
                         v[:, :, 0:4:2], v.select(1, 2), v.flatten(1)])
idx = torch.tensor([2, 0])
gidx = torch.tensor([[[0, 1, 2, 0], [2, 2, 1, 1]], [[1, 1, 1, 1], [0, 0, 0, 0]]])
case("indexing", {"a": v, "i": idx, "g": gidx},
     [v.index_select(1, idx), v.gather(1, gidx), v.scatter(1, gidx, -v[:, :2, :]),
      v.masked_fill(v > 10, -1.0), torch.where(v > 5, v, -v)])
case("joining", {"a": a, "b": b}, [torch.cat([a, b], 0), torch.cat([a, b], 1), torch.stack([a, b], 1)])
s = torch.tensor([[3.0, 1.0, 4.0, 1.5, 5.0], [9.0, 2.0, 6.0, 5.5, 3.0]])
tv, ti = s.topk(2, dim=1)
sv, si = s.sort(dim=1, descending=True)
case("ordering", {"a": s}, [tv, ti, sv, si, s.argsort(dim=1)])

# Optimizers: three steps on loss = sum((p * c)^2) + step * sum(p), from the same start.
p0, coef = r(4, 3), r(4, 3)


def trajectory(make):
    param = p0.clone().requires_grad_()
    opt = make([param])
    for step in range(3):
        opt.zero_grad()
        loss = ((param * coef) ** 2).sum() + step * param.sum()
        loss.backward()
        opt.step()
    return param


case("adamw", {"p": p0, "c": coef}, trajectory(lambda ps: torch.optim.AdamW(ps, lr=0.1, betas=(0.8, 0.9), eps=1e-6, weight_decay=0.05)))
case("sgd_momentum", {"p": p0, "c": coef}, trajectory(lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)))
case("sgd_nesterov", {"p": p0, "c": coef}, trajectory(lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True)))
g1, g2 = r(3, 2), r(4)
pa, pb = torch.zeros(3, 2, requires_grad=True), torch.zeros(4, requires_grad=True)
pa.grad, pb.grad = g1.clone(), g2.clone()
norm = torch.nn.utils.clip_grad_norm_([pa, pb], 1.5)
case("clip_grad_norm", {"g1": g1, "g2": g2}, [norm, pa.grad, pb.grad])

# A safetensors file written independently of DslNas (struct + json, as the format's specification says).
import struct
named = {"weight": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4, "ids": torch.tensor([7, -2, 1 << 40]),
         "flags": torch.tensor([True, False, True]), "scale": torch.tensor(2.5, dtype=torch.float64)}
codes = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.bool: "BOOL"}
header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
for key, value in named.items():
    blob = value.contiguous().numpy().tobytes()
    header[key] = {"dtype": codes[value.dtype], "shape": list(value.shape), "data_offsets": [offset, offset + len(blob)]}
    blobs.append(blob)
    offset += len(blob)
text = json.dumps(header).encode()
with open("python-written.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))

with open("reference.json", "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases")
