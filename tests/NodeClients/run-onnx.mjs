// Runs an ONNX model in ONNX Runtime: node run-onnx.mjs MODEL.onnx INPUT.json, where INPUT.json holds
// {"batch": B, "sequence": S, "input_ids": [...], "attention_mask": [...]} (row-major int64 values) and optionally
// "threads" and "repetitions" (then the median time of one run, in ms, is reported too).
// Prints {"outputs": {name: {"dims": [...], "data": [...]}}, "median_ms": ...} on stdout.
import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-node";

const [modelPath, inputPath] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputPath, "utf8"));
const options = { graphOptimizationLevel: "all" };
if (input.threads) {
  options.intraOpNumThreads = input.threads;
  options.interOpNumThreads = 1;
}
const session = await ort.InferenceSession.create(modelPath, options);
const dims = [input.batch, input.sequence];
const feeds = {
  input_ids: new ort.Tensor("int64", BigInt64Array.from(input.input_ids.map(BigInt)), dims),
  attention_mask: new ort.Tensor("int64", BigInt64Array.from(input.attention_mask.map(BigInt)), dims),
};
const results = await session.run(feeds);
const outputs = {};
for (const [name, tensor] of Object.entries(results)) outputs[name] = { dims: tensor.dims, data: Array.from(tensor.data) };

let median = null;
if (input.repetitions) {
  for (let i = 0; i < (input.warmup ?? 3); i++) await session.run(feeds);
  const times = [];
  for (let i = 0; i < input.repetitions; i++) {
    const start = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  median = times[Math.floor(times.length / 2)];
}
process.stdout.write(JSON.stringify({ outputs, median_ms: median }));
