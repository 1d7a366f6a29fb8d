// Parity: every course notebook (English and Korean) through the wasm build in Node and
// through the native binary (`cloudlab run --to ipynb`); every code cell's outputs must
// show the same text (text/plain, stream text, error name and message), timings masked.
//   CLOUDLAB_BIN (default ../../target/debug/cloudlab)   LITE_PKG (default ./pkg)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BIN = process.env.CLOUDLAB_BIN ?? path.join(ROOT, 'target/debug/cloudlab');
const PKG = path.resolve(process.env.LITE_PKG ?? path.join(HERE, 'pkg'));

const notebooks = [
  ...fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb')).map((f) => path.join(ROOT, 'notebooks', f)),
  ...fs.readdirSync(path.join(ROOT, 'notebooks/ko')).filter((f) => f.endsWith('.ipynb')).map((f) => path.join(ROOT, 'notebooks/ko', f)),
].sort();

// Wall-clock timings differ between any two runs; nothing else may.
export const mask = (s) => s.replace(/\d+(?:\.\d+)?\s?(?:ms|µs|us|ns)\b/g, '<time>');

const source = (cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source ?? '');
const tagged = (cell, tag) => (cell.metadata?.tags ?? []).includes(tag);

/** One output's text, as a person reading the notebook sees it. */
function textOf(o) {
  const join = (t) => (Array.isArray(t) ? t.join('') : t ?? '');
  switch (o.output_type) {
    case 'stream': return `[${o.name}] ${mask(join(o.text))}`;
    case 'error': return `[error] ${o.ename}: ${mask(o.evalue)}`;
    default: return `[${o.output_type === 'execute_result' ? 'display_data' : o.output_type}] ${mask(join(o.data?.['text/plain']))}`;
  }
}

/** The browser kernel's drive backed by this machine's files, as the native run uses. */
export const localDrive = {
  read(p) {
    try {
      if (fs.statSync(p).isDirectory()) throw new Error('IsADirectory');
      return new Uint8Array(fs.readFileSync(p));
    } catch (e) { throw driveError(e); }
  },
  write(p, bytes) {
    try { fs.writeFileSync(p, bytes); } catch (e) { throw driveError(e); }
  },
  list(p) {
    try {
      if (!fs.statSync(p).isDirectory()) throw new Error('NotADirectory');
      return fs.readdirSync(p);
    } catch (e) { throw driveError(e); }
  },
};
function driveError(e) {
  const named = { ENOENT: 'NotFound', EISDIR: 'IsADirectory', ENOTDIR: 'NotADirectory' }[e.code];
  return named ? new Error(named) : e;
}

/** Runs a notebook the way ipynb::execute does, but through the wasm Kernel. */
function runWasm(Kernel, nb) {
  const k = new Kernel();
  k.set_drive(localDrive);
  const cells = [];
  let stopped = false;
  for (const cell of nb.cells.filter((c) => c.cell_type === 'code')) {
    if (stopped) { cells.push([]); continue; }
    const out = [];
    const outcome = JSON.parse(k.execute(source(cell), false, (ev) => {
      const e = JSON.parse(ev);
      // Progress shown in place is transient; `cloudlab run` leaves it out too.
      if (e.display_id) return;
      if (e.stream) {
        const last = out[out.length - 1];
        if (last && last.output_type === 'stream' && last.name === e.stream) { last.text += e.text; return; }
        out.push({ output_type: 'stream', name: e.stream, text: e.text });
      } else {
        out.push({ output_type: 'display_data', data: e.data, metadata: e.metadata });
      }
    }));
    if (outcome.status === 'error') {
      out.push({ output_type: 'error', ename: outcome.ename, evalue: outcome.evalue });
      if (!tagged(cell, 'raises-exception')) stopped = true;
    }
    cells.push(out);
  }
  k.free();
  return cells;
}

test('every course notebook shows the same text in the browser build as natively', async () => {
  assert.ok(fs.existsSync(BIN), `native binary ${BIN} (cargo build first)`);
  assert.ok(fs.existsSync(path.join(PKG, 'cloudlab_lite_bg.wasm')), `wasm build in ${PKG} (lite/build.sh first)`);
  const lite = await import(pathToFileURL(path.join(PKG, 'cloudlab_lite.js')).href);
  lite.initSync({ module: fs.readFileSync(path.join(PKG, 'cloudlab_lite_bg.wasm')) });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudlab-parity-'));
  const diffs = [];
  let cellsCompared = 0;
  try {
    // Each notebook in its own folder: `cloudlab run --out` names Korean ones ko-NAME.
    for (const nbPath of notebooks) {
      const rel = path.relative(path.join(ROOT, 'notebooks'), nbPath);
      const out = path.join(tmp, rel.replace(/[/.]/g, '_'));
      execFileSync(BIN, ['run', nbPath, '--out', out, '--to', 'ipynb'], { stdio: 'pipe' });
      const nativeFile = fs.readdirSync(out).find((f) => f.endsWith('.ipynb'));
      const native = JSON.parse(fs.readFileSync(path.join(out, nativeFile), 'utf8'));
      const nativeCells = native.cells.filter((c) => c.cell_type === 'code').map((c) => c.outputs);
      const wasmCells = runWasm(lite.Kernel, JSON.parse(fs.readFileSync(nbPath, 'utf8')));
      assert.equal(wasmCells.length, nativeCells.length, `${rel}: code cells`);
      nativeCells.forEach((outs, i) => {
        cellsCompared++;
        const a = outs.map(textOf);
        const b = wasmCells[i].map(textOf);
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          diffs.push(`${rel} cell ${i + 1}:\n  native: ${JSON.stringify(a).slice(0, 600)}\n  wasm:   ${JSON.stringify(b).slice(0, 600)}`);
        }
      });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`parity: ${notebooks.length} notebooks, ${cellsCompared} code cells compared, ${diffs.length} differ`);
  assert.deepEqual(diffs, [], `cells whose text differs:\n${diffs.join('\n')}`);
});

// Bad input: what the native kernel refuses, the browser kernel refuses with the same
// message (issue 14, "Bad input"); each cell runs in its own fresh kernel on both sides.
export const BAD_INPUT = [
  'create-vpc --cidr-block 10.0.0.0/15',
  'create-subnet --vpc-id vpc-0000000000000000 --cidr-block 10.0.1.0/24',
  'frobnicate --now',
  `regions --query '${'('.repeat(400)}@${')'.repeat(400)}'`,
  'subnet-calc 0.0.0.0/0 --prefix 32 --limit 99999999999',
  'sql SELECT count(*) FROM instance_types a, instance_types b, instance_types c',
  `describe-instance-types --filters Name=instance-type,Values=${'*'.repeat(2000)}z`,
  "sql SELECT * FROM read_csv('/etc/passwd')",
  'load /nonexistent/cloudlab-session.json',
  'export no_such_table /tmp/cloudlab-parity-x.csv',
  'describe-instance-types --instance-types m7g.lrage',
];

test('bad input gets the same refusal in the browser build as natively', async () => {
  const lite = await import(pathToFileURL(path.join(PKG, 'cloudlab_lite.js')).href);
  lite.initSync({ module: fs.readFileSync(path.join(PKG, 'cloudlab_lite_bg.wasm')) });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudlab-bad-'));
  try {
    const cell = (src) => ({ cell_type: 'code', metadata: { tags: ['raises-exception'] }, source: src, outputs: [], execution_count: null });
    const diffs = [];
    let refused = 0;
    for (const [i, src] of BAD_INPUT.entries()) {
      const nb = { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'cloudlab', display_name: 'cloudlab', language: 'cloudlab' } }, cells: [cell(src)] };
      const file = path.join(tmp, `bad${i}.ipynb`);
      fs.writeFileSync(file, JSON.stringify(nb));
      const out = path.join(tmp, `out${i}`);
      execFileSync(BIN, ['run', file, '--out', out, '--to', 'ipynb'], { stdio: 'pipe' });
      const native = JSON.parse(fs.readFileSync(path.join(out, fs.readdirSync(out).find((f) => f.endsWith('.ipynb'))), 'utf8'));
      const a = native.cells[0].outputs.map(textOf);
      const b = runWasm(lite.Kernel, nb)[0].map(textOf);
      if (a.some((t) => t.startsWith('[error]'))) refused++;
      if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${src.slice(0, 80)}\n  native: ${JSON.stringify(a).slice(0, 400)}\n  wasm:   ${JSON.stringify(b).slice(0, 400)}`);
    }
    console.log(`bad input: ${BAD_INPUT.length} cells compared, ${refused} refused natively, ${diffs.length} differ`);
    // All but the 2,000-star glob (a valid filter that matches nothing) are refusals.
    assert.equal(refused, BAD_INPUT.length - 1, 'the native kernel refuses the bad input');
    assert.deepEqual(diffs, []);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('a %%rust cell in the browser says Rust cells need the native kernel', async () => {
  const lite = await import(pathToFileURL(path.join(PKG, 'cloudlab_lite.js')).href);
  lite.initSync({ module: fs.readFileSync(path.join(PKG, 'cloudlab_lite_bg.wasm')) });
  const k = new lite.Kernel();
  const r = JSON.parse(k.execute('%%rust\nlet x = 1;', false, () => {}));
  k.free();
  assert.equal(r.status, 'error');
  assert.match(`${r.ename}: ${r.evalue}`, /native/i);
});
