// The cloudlab cell syntax as a CodeMirror stream tokenizer: a command first on each line
// (and after ` -- `, as in `assert fails X -- create-vpc …`), then flags, resource IDs,
// CIDRs and IP addresses (each one whole token), quoted strings, key=value pairs and
// `#` comments. Token names are CodeMirror's legacy names, which JupyterLab's highlight
// style colours through its theme's CSS variables (so dark themes work too).
import type { StreamParser, StringStream } from '@codemirror/language';

interface State {
  /** The next word is a command. */
  command: boolean;
}

// 10.0.0.0/16, 192.168.1.10 — and IPv6 (2001:db8::/32): never split at a dot or slash.
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?![\w./:-])/;
const IPV6 = /^(?=[0-9a-fA-F:]*::?[0-9a-fA-F]*:)[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:\/\d{1,3})?(?![\w./:-])/;
// vpc-0a1b2c3d4e5f60718, subnet-…, i-…, tgw-attach-…: AWS's prefix, a dash, 8 or 17 hex digits.
const RESOURCE_ID = /^[a-z]+(?:-[a-z]+)*-[0-9a-f]{8,17}(?![\w.-])/;
const FLAG = /^--[A-Za-z0-9][\w-]*/;
const COMMAND = /^%{0,2}[A-Za-z_][\w.:-]*/;
const NUMBER = /^\d+(?:\.\d+)?(?:[kKmMgG]i?[bB]?|%|ms|s)?(?![\w./:-])/;
const KEY = /^[A-Za-z][\w.-]*(?==)/;
const WORD = /^[^\s"'=,]+/;

function readString(stream: StringStream, quote: string): void {
  let escaped = false;
  let ch: string | void;
  while ((ch = stream.next()) != null) {
    if (ch === quote && !escaped) return;
    escaped = !escaped && ch === '\\';
  }
}

export const cloudlabParser: StreamParser<State> = {
  name: 'cloudlab',
  startState: () => ({ command: true }),
  copyState: (s) => ({ command: s.command }),
  token(stream, state) {
    if (stream.sol()) state.command = true;
    if (stream.eatSpace()) return null;
    const ch = stream.peek()!;
    if (ch === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (ch === '"' || ch === "'") {
      stream.next();
      readString(stream, ch);
      state.command = false;
      return 'string';
    }
    if (stream.match(/^--(?=\s|$)/)) {
      state.command = true;
      return 'operator';
    }
    if (stream.match(FLAG)) return 'attribute';
    if (state.command && stream.match(COMMAND)) {
      state.command = false;
      return 'keyword';
    }
    state.command = false;
    if (stream.match(IPV4) || stream.match(IPV6)) return 'number';
    if (stream.match(RESOURCE_ID)) return 'atom';
    if (stream.match(NUMBER)) return 'number';
    if (stream.match(KEY)) return 'property';
    if (stream.eat('=') || stream.eat(',')) return 'punctuation';
    if (stream.match(WORD)) return null;
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } }
};
