// Writes reference.json: ids from Hugging Face's tokenizer (@huggingface/tokenizers, the JS port of
// `tokenizers`) for BERT WordPiece over vocab.txt, lower-cased and cased.
//   npm install --prefix /tmp/hf @huggingface/tokenizers@0.2.0
//   NODE_PATH=/tmp/hf/node_modules node make_reference.mjs
import { createRequire } from "module";
import fs from "fs";
const require = createRequire(import.meta.url);
const { Tokenizer } = require("@huggingface/tokenizers");

const texts = [
  "Hello, world! This is a TEST of the tokenizer.",
  "Unaffable running jumped: un-believable!!",
  "Café déjà vu — naïve résumé, Ångström and Œuvre.",
  "中文字符测试 mixed with English 和 日本語のテキスト",
  "Emoji 😀👍🏽 and symbols ©®™ € £ ¥ § ¶ • … ‰",
  "Tabs\tand\nnewlines\r\nand\u00a0non-breaking\u2003spaces",
  "Control\u0000chars\u0007and\u200bzero\u200dwidth\ufeffmarks\ufffd",
  "İstanbul ΣΊΣΥΦΟΣ straße ǅemal ﬁne",
  "a".repeat(101) + " " + "b".repeat(100),
  "email@example.com https://example.org/path?q=1&x=2 #hashtag $100 50% ^caret `tick` |pipe| ~tilde",
  "Combining: e\u0301 a\u0308 n\u0303 and Hangul 한국어 텍스트 and Thai ภาษาไทย",
  "Arabic العربية and Hebrew עברית and Devanagari हिन्दी",
  "unknownword xyzzy qqq running runner unrunnable",
  "",
  "   ",
  "Math: ∑∫√∞ ≤ ≥ ≠ ± × ÷ and arrows ← → ↑ ↓",
];

const vocab = fs.readFileSync(new URL("vocab.txt", import.meta.url), "utf8").split("\n").filter((l) => l.length > 0);
const ids = Object.fromEntries(vocab.map((t, i) => [t, i]));

function make(lowercase) {
  const json = {
    version: "1.0",
    added_tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].map((t) => ({ id: ids[t], content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: null,
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: ids },
  };
  return new Tokenizer(json, { do_lower_case: lowercase });
}

const cases = [];
for (const lowercase of [true, false]) {
  const tokenizer = make(lowercase);
  for (const text of texts) {
    const encoded = tokenizer.encode(text, { add_special_tokens: false });
    cases.push({ lowercase, text, ids: encoded.ids, tokens: encoded.tokens });
  }
}
fs.writeFileSync(new URL("reference.json", import.meta.url), JSON.stringify({ source: "@huggingface/tokenizers 0.2.0", cases }, null, 1));
console.log(`wrote ${cases.length} cases`);
