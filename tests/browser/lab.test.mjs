// A course notebook in JupyterLab, run by a person's browser (started by run.sh).
// Opens the notebook, waits for the cloudlab kernel, runs all cells from the Run menu,
// and asserts: a rendered table, an SVG chart and the VPC diagram are visible, no
// error output appears; keeps a full-page screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openNotebook, menu, runAll, LAB_URL, TOKEN } from './lab.mjs';

const NOTEBOOK = process.env.NOTEBOOK_NAME ?? '01-network.ipynb';
const SHOTS = process.env.SCREENSHOT_DIR ?? 'out';
const EXPECT = new Set((process.env.BROWSER_EXPECT ?? 'table,svg,diagram').split(',').filter(Boolean));
const RUN_TIMEOUT_MS = Number(process.env.RUN_TIMEOUT_MS ?? 240_000);

test(`JupyterLab runs ${NOTEBOOK} on the cloudlab kernel`, { timeout: RUN_TIMEOUT_MS + 120_000 }, async () => {
  assert.ok(LAB_URL && TOKEN, 'LAB_URL and LAB_TOKEN come from run.sh');
  const browser = await launch();
  const shot = path.join(SHOTS, NOTEBOOK.replace(/\.ipynb$/, '.png'));
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const consoleErrors = [];
    page.on('pageerror', (err) => consoleErrors.push(String(err)));

    await openNotebook(page, NOTEBOOK);

    const codeCells = await page.locator('.jp-Notebook .jp-CodeCell').count();
    assert.ok(codeCells > 0, 'notebook has code cells');

    // Saved outputs must not count: Edit → Clear Outputs of All Cells first.
    await menu(page, 'Edit', 'Clear Outputs of All Cells');
    await page.waitForFunction(() => document.querySelectorAll('.jp-OutputArea-output').length === 0,
      null, { timeout: 10_000 });

    // Run → Run All Cells, as a person would; done when the kernel is idle and no cell is
    // still queued ([*]); after an error JupyterLab clears the queue, so that ends it too.
    const t0 = Date.now();
    const prompts = (await runAll(page, RUN_TIMEOUT_MS)).map((c) => c.prompt);
    // benches/lite_bench.sh compares this with the browser kernel's Run All.
    console.log(`timing: native ${NOTEBOOK} run-all ${Date.now() - t0} ms`);

    const found = await page.evaluate(() => {
      const visible = (el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      };
      const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
      const tables = outputs.flatMap((o) => [...o.querySelectorAll('table')])
        .filter((t) => visible(t) && t.querySelectorAll('tr').length >= 2).length;
      // image/svg+xml is rendered as <img src="data:image/svg+xml,…">; inline <svg> in HTML too.
      const svgs = [];
      for (const o of outputs) {
        for (const img of o.querySelectorAll('img')) {
          const src = img.getAttribute('src') ?? '';
          if (src.startsWith('data:image/svg+xml')) {
            const body = src.includes(';base64,') ? atob(src.split(',')[1]) : decodeURIComponent(src.slice(src.indexOf(',') + 1));
            svgs.push({ body, visible: visible(img) && img.complete && img.naturalWidth > 0 });
          }
        }
        for (const svg of o.querySelectorAll('svg')) {
          svgs.push({ body: svg.outerHTML, visible: visible(svg) });
        }
      }
      const errors = outputs
        // error outputs and stderr streams both render with this MIME type
        .filter((o) => o.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr')
        .map((o) => o.textContent.slice(0, 300));
      return { tables, svgs, errors, outputs: outputs.length };
    });

    // The notebook scrolls inside its panel: grow the window to the notebook's height
    // so one screenshot shows every cell.
    const tall = await page.evaluate(() => {
      const scroller = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')
        ?? document.querySelector('.jp-NotebookPanel-notebook');
      return scroller ? scroller.scrollHeight : 1000;
    });
    await page.setViewportSize({ width: 1400, height: Math.min(Math.max(1000, tall + 200), 30_000) });
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('.jp-NotebookPanel .jp-WindowedPanel-outer, .jp-NotebookPanel-notebook')) el.scrollTop = 0;
    });
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
    console.log(`outputs ${found.outputs}, tables ${found.tables}, svgs ${found.svgs.length} (visible ${found.svgs.filter((s) => s.visible).length})`);

    assert.deepEqual(found.errors, [], 'no error output in the notebook');
    const unrun = prompts.filter((p) => !/\[\d+\]/.test(p)).length;
    assert.equal(unrun, 0, `${unrun} code cell(s) did not run`);
    assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    if (EXPECT.has('table')) assert.ok(found.tables >= 1, 'a rendered table is visible');
    const isDiagram = (s) => /\bvpc\b|vpc-[0-9a-f]/i.test(s.body);
    const visibleSvgs = found.svgs.filter((s) => s.visible);
    if (EXPECT.has('diagram')) {
      assert.ok(visibleSvgs.some(isDiagram), 'the VPC diagram (an SVG naming a VPC) is visible');
    }
    if (EXPECT.has('svg')) {
      const charts = EXPECT.has('diagram') ? visibleSvgs.filter((s) => !isDiagram(s)) : visibleSvgs;
      assert.ok(charts.length >= 1, 'an SVG chart is visible');
    }
  } catch (err) {
    if (page) await page.screenshot({ path: shot.replace(/\.png$/, '-failed.png'), fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await browser.close();
  }
});
