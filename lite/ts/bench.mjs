// In-process timings of the wasm build under Node (V8, as in Chromium), for
// benches/lite_bench.sh:  node bench.mjs PKG_DIR NOTEBOOK [REPEATS]
// Prints: instantiate ms, Run All of the notebook (median), and the `vpc wizard` cell
// (median, run after the cells before it, in a fresh kernel each time).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg, nbPath, repeats = '5'] = process.argv.slice(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const source = (c) => (Array.isArray(c.source) ? c.source.join('') : c.source);

let t = performance.now();
const lite = await import(pathToFileURL(path.resolve(pkg, 'cloudlab_lite.js')).href);
lite.initSync({ module: fs.readFileSync(path.resolve(pkg, 'cloudlab_lite_bg.wasm')) });
const instantiate = performance.now() - t;

const code = JSON.parse(fs.readFileSync(nbPath, 'utf8')).cells.filter((c) => c.cell_type === 'code');
const cells = code.map(source);
// Cells that show AWS refusing something are meant to fail.
const expectError = code.map((c) => (c.metadata?.tags ?? []).includes('raises-exception'));
const wizard = cells.findIndex((c) => c.startsWith('vpc wizard'));
const runAll = [];
const wiz = [];
for (let r = 0; r < Number(repeats); r++) {
  const k = new lite.Kernel();
  let total = 0;
  cells.forEach((code, i) => {
    const t0 = performance.now();
    const out = JSON.parse(k.execute(code, false, () => {}));
    const dt = performance.now() - t0;
    total += dt;
    if (i === wizard) wiz.push(dt);
    if (out.status !== 'ok' && !expectError[i]) throw new Error(`cell ${i + 1}: ${out.ename}: ${out.evalue}`);
  });
  runAll.push(total);
  k.free();
}
console.log(`instantiate_ms ${instantiate.toFixed(1)}`);
console.log(`run_all_ms ${median(runAll).toFixed(1)}`);
console.log(`vpc_wizard_ms ${wizard >= 0 ? median(wiz).toFixed(1) : 'n/a'}`);
