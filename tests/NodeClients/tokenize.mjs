// Encodes texts with a tokenizer.json through Hugging Face's tokenizers (the Rust library's Node binding) and
// Tokenizers.js (what transformers.js uses): node tokenize.mjs DIRECTORY TEXTS.json, where DIRECTORY holds
// tokenizer.json and tokenizer_config.json and TEXTS.json is an array of strings.
// Prints {"tokenizers": [[ids...], ...], "tokenizers_js": [[ids...], ...]} on stdout.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer as RustTokenizer } from "tokenizers";
import { Tokenizer as JsTokenizer } from "@huggingface/tokenizers";

const [directory, textsPath] = process.argv.slice(2);
const texts = JSON.parse(readFileSync(textsPath, "utf8"));

const rust = RustTokenizer.fromFile(join(directory, "tokenizer.json"));
const rustIds = [];
for (const text of texts) rustIds.push(Array.from((await rust.encode(text)).getIds()));

const js = new JsTokenizer(
  JSON.parse(readFileSync(join(directory, "tokenizer.json"), "utf8")),
  JSON.parse(readFileSync(join(directory, "tokenizer_config.json"), "utf8")));
const jsIds = texts.map((text) => Array.from(js.encode(text).ids));

process.stdout.write(JSON.stringify({ tokenizers: rustIds, tokenizers_js: jsIds }));
