// A strict parser for one flat JSON object of scalars (the JSON command payload). JSON.parse is not enough here:
// it keeps the last of duplicate keys, silently rounds integers beyond 2^53, turns 1e400 into Infinity and
// gives no reason a sender could act on. This parser reads the raw text and refuses each of those by name.
import { FORBIDDEN_NAMES, excerpt, malformed, type Malformed } from './malformed.js';

export type JsonScalar = string | number | boolean | null;
export type FlatObject = { ok: true; entries: Map<string, JsonScalar> } | Malformed;

const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD_TOKEN = /[A-Za-z_$][A-Za-z0-9_$]*|-Infinity/y;
const WHITESPACE = /[ \t\n\r]*/y;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const MAX_SAFE = 2n ** 53n;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

class Refusal {
  constructor(readonly reason: Malformed) {}
}
const fail = (reason: Malformed): never => {
  throw new Refusal(reason);
};

/**
 * Checks a JSON number token on its raw text: integers written without fraction or exponent must be safe integers;
 * any token must be finite; a token whose exact value is an integer beyond 2^53 must survive the conversion to a
 * double exactly (9007199254740993.0 does not).
 */
export function checkNumberToken(token: string, where: string): number | Malformed {
  const value = Number(token);
  if (!Number.isFinite(value)) return malformed('not-finite', `${where}: ${excerpt(token)} overflows to infinity`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (!m) return malformed('not-json', `${where}: ${excerpt(token)} is not a JSON number`);
  const [, , intPart = '', fraction, exponent] = m;
  if (fraction === undefined && exponent === undefined) {
    return Number.isSafeInteger(value) ? value : malformed('unsafe-integer', `${where}: ${excerpt(token)} is beyond ±2^53`);
  }
  if (Math.abs(value) <= Number.MAX_SAFE_INTEGER) return value;
  // Big and finite (so |exponent| ≤ ~330): if the exact decimal is an integer, the double must equal it.
  const digits = `${intPart}${fraction ?? ''}`.replace(/^0+/, '') || '0';
  let scale = Number(exponent ?? '0') - (fraction ?? '').length;
  let significand = digits;
  while (scale < 0 && significand.endsWith('0')) {
    significand = significand.slice(0, -1);
    scale += 1;
  }
  if (scale < 0) return value; // a true fraction: a float, rounding is its nature
  const exact = BigInt(significand) * 10n ** BigInt(scale);
  const asDouble = BigInt(Math.abs(value));
  if (exact !== asDouble && exact > MAX_SAFE) {
    return malformed('unsafe-integer', `${where}: ${excerpt(token)} cannot be represented exactly (beyond ±2^53)`);
  }
  return value;
}

/** Parses `text` as exactly one JSON object whose values are scalars; strings are limited to `maxStringBytes` (UTF-8). */
export function parseFlatJsonObject(text: string, maxStringBytes: number): FlatObject {
  let i = 0;
  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  const at = (): string => (i < text.length ? `at offset ${i}` : 'at the end (truncated?)');
  const expect = (ch: string, what: string): void => {
    skipWhitespace();
    if (text[i] !== ch) fail(malformed('not-json', `expected ${what} ${at()}`));
    i += 1;
  };

  const readString = (where: string): string => {
    i += 1; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail(malformed('not-json', `unterminated string in ${where} (truncated?)`));
      const ch = text[i] as string;
      if (ch === '"') break;
      if (ch < ' ') fail(malformed('not-json', `raw control character in ${where} ${at()}`));
      if (ch !== '\\') {
        out += ch;
        i += 1;
        continue;
      }
      const esc = text[i + 1] ?? '';
      const simple = SIMPLE_ESCAPES[esc];
      if (Object.hasOwn(SIMPLE_ESCAPES, esc) && simple !== undefined) {
        out += simple;
        i += 2;
      } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        fail(malformed('not-json', `bad escape in ${where} ${at()}`));
      }
    }
    i += 1; // closing quote
    if (out.includes('\u0000')) fail(malformed('bad-string', `${where} contains NUL`));
    if (LONE_SURROGATE.test(out)) fail(malformed('bad-string', `${where} contains a lone surrogate (\\uD800–\\uDFFF)`));
    if (Buffer.byteLength(out, 'utf8') > maxStringBytes) {
      fail(malformed('string-too-long', `${where} is longer than ${maxStringBytes} bytes`));
    }
    return out;
  };

  const readValue = (key: string): JsonScalar => {
    skipWhitespace();
    const where = `"${key}"`;
    const ch = text[i];
    if (ch === undefined) return fail(malformed('not-json', `missing value of ${where} (truncated?)`));
    if (ch === '"') return readString(`the value of ${where}`);
    if (ch === '[' || ch === '{') {
      return fail(malformed('value-not-scalar', `${where} is ${ch === '[' ? 'an array' : 'an object'}; only numbers, booleans and strings are accepted`));
    }
    NUMBER_TOKEN.lastIndex = i;
    const number = /[-0-9]/.test(ch) ? NUMBER_TOKEN.exec(text) : null;
    if (number && !/^[A-Za-z]/.test(text[NUMBER_TOKEN.lastIndex] ?? '')) {
      i = NUMBER_TOKEN.lastIndex;
      const checked = checkNumberToken(number[0], where);
      return typeof checked === 'number' ? checked : fail(checked);
    }
    WORD_TOKEN.lastIndex = i;
    const word = WORD_TOKEN.exec(text)?.[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      i += word.length;
      return word === 'true' ? true : word === 'false' ? false : null;
    }
    if (word === 'NaN' || word === 'Infinity' || word === '-Infinity') {
      return fail(malformed('not-finite', `${where} is ${word}; JSON has no NaN or Infinity`));
    }
    return fail(malformed('not-json', `unexpected ${excerpt(text.slice(i, i + 8))} in ${where} ${at()}`));
  };

  try {
    skipWhitespace();
    const first = text[i];
    if (first !== '{') {
      const looksJson = first !== undefined && /[["\-0-9tfn]/.test(first);
      return looksJson
        ? malformed('not-an-object', 'the payload must be one JSON object')
        : malformed('not-json', `expected "{" ${at()}`);
    }
    i += 1;
    const entries = new Map<string, JsonScalar>();
    skipWhitespace();
    if (text[i] === '}') {
      i += 1;
    } else {
      for (;;) {
        skipWhitespace();
        if (text[i] !== '"') fail(malformed('not-json', `expected a key in quotes ${at()}`));
        const key = readString('a key');
        if (FORBIDDEN_NAMES.has(key)) fail(malformed('forbidden-key', `key ${excerpt(key)} is not allowed`));
        if (entries.has(key)) fail(malformed('duplicate-key', `key ${excerpt(key)} appears more than once`));
        expect(':', '":"');
        entries.set(key, readValue(key));
        skipWhitespace();
        const sep = text[i];
        i += 1;
        if (sep === '}') break;
        if (sep !== ',') fail(malformed('not-json', `expected "," or "}" ${sep === undefined ? 'at the end (truncated?)' : `at offset ${i - 1}`}`));
      }
    }
    skipWhitespace();
    if (i < text.length) return malformed('not-json', `unexpected text after the object at offset ${i}`);
    return { ok: true, entries };
  } catch (err) {
    if (err instanceof Refusal) return err.reason;
    throw err;
  }
}
