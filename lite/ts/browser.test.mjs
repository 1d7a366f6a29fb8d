// The JupyterLite site in headless Chromium (served by lite/serve-and-test.sh): the
// landing page links every course notebook; 01-network and 04-database open on the
// cloudlab kernel, Run All, and show a table, an SVG chart and (01) the VPC diagram;
// Tab completion pops up; the console shows no errors. Prints `timing:` lines that
// benches/lite_bench.sh reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const SITE = process.env.SITE_URL;
const SHOTS = process.env.SCREENSHOT_DIR ?? 'out';
const RUN_TIMEOUT_MS = Number(process.env.RUN_TIMEOUT_MS ?? 180_000);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });

/** A new page that records console errors and uncaught exceptions. */
async function openPage(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(`pageerror: ${err}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return page;
}

async function waitIdle(page, timeout = 60_000) {
  await page.waitForFunction(() => {
    const name = document.querySelector('.jp-NotebookPanel-toolbar .jp-KernelName')?.textContent ?? '';
    const idle = document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
    return /cloudlab/i.test(name) && idle;
  }, null, { timeout, polling: 50 });
}

const promptsOf = () => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]
  .filter((c) => (c.querySelector('.jp-InputArea-editor')?.textContent ?? '').trim() !== '')
  .map((c) => c.querySelector('.jp-InputArea-prompt')?.textContent ?? '');

async function runAll(page) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Edit$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Clear Outputs of All Cells$/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.jp-OutputArea-output').length === 0, null, { timeout: 10_000 });
  const t0 = Date.now();
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
  await page.waitForFunction((src) => {
    const prompts = eval(src)();
    const idle = document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
    return idle && prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p));
  }, `(${promptsOf})`, { timeout: RUN_TIMEOUT_MS, polling: 50 });
  return Date.now() - t0;
}

async function findOutputs(page) {
  return page.evaluate(() => {
    const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
    const tables = outputs.flatMap((o) => [...o.querySelectorAll('table')]).filter((t) => t.querySelectorAll('tr').length >= 2).length;
    const svgs = [];
    for (const o of outputs) {
      for (const img of o.querySelectorAll('img')) {
        const src = img.getAttribute('src') ?? '';
        if (src.startsWith('data:image/svg+xml')) {
          const body = src.includes(';base64,') ? atob(src.split(',')[1]) : decodeURIComponent(src.slice(src.indexOf(',') + 1));
          svgs.push({ body, visible: visible(img) && img.complete && img.naturalWidth > 0 });
        }
      }
      for (const svg of o.querySelectorAll('svg')) svgs.push({ body: svg.outerHTML, visible: visible(svg) });
    }
    const errors = outputs.filter((o) => o.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr')
      .map((o) => o.textContent.slice(0, 300));
    return { tables, svgs, errors, outputs: outputs.length };
  });
}

test('the landing page links every course notebook', { timeout: 60_000 }, async () => {
  assert.ok(SITE, 'SITE_URL comes from serve-and-test.sh');
  const browser = await launch();
  try {
    const errors = [];
    const page = await openPage(browser, errors);
    await page.goto(`${SITE}/`);
    const links = await page.locator('a.nb').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.includes('lab/index.html?path=01-network.ipynb'), JSON.stringify(links));
    assert.ok(links.includes('lab/index.html?path=ko/04-database.ipynb'), JSON.stringify(links));
    const here = path.dirname(new URL(import.meta.url).pathname);
    const course = (d) => fs.readdirSync(path.join(here, '../../notebooks', d)).filter((f) => f.endsWith('.ipynb')).length;
    assert.equal(links.length, course('.') + course('ko'), 'one link per course notebook, English and Korean');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

for (const [nb, expect] of [['01-network.ipynb', ['table', 'svg', 'diagram']], ['04-database.ipynb', ['table', 'svg']]]) {
  test(`${nb} runs on the browser's cloudlab kernel`, { timeout: RUN_TIMEOUT_MS + 120_000 }, async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const shot = path.join(SHOTS, `lite-${nb.replace(/\.ipynb$/, '.png')}`);
    const browser = await launch();
    let page;
    try {
      const errors = [];
      page = await openPage(browser, errors);
      const t0 = Date.now();
      await page.goto(`${SITE}/lab/index.html?path=${nb}`);
      await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 60_000 });
      await waitIdle(page);
      console.log(`timing: ${nb} page→idle ${Date.now() - t0} ms`);
      const ms = await runAll(page);
      console.log(`timing: ${nb} run-all ${ms} ms`);
      const found = await findOutputs(page);
      console.log(`outputs ${found.outputs}, tables ${found.tables}, svgs ${found.svgs.length}`);

      if (nb === '01-network.ipynb') {
        // Tab completion: a new cell below, a partial word, Tab.
        await page.keyboard.press('Escape');
        await page.keyboard.press('b');
        await page.keyboard.press('Enter');
        await page.keyboard.type('vp');
        await page.keyboard.press('Tab');
        await page.waitForSelector('.jp-Completer .jp-Completer-item', { timeout: 10_000 });
        const items = await page.locator('.jp-Completer .jp-Completer-item').allTextContents();
        console.log(`completions for "vp": ${items.slice(0, 5).join(', ')}`);
        assert.ok(items.some((t) => t.includes('vpc')), `completer offers vpc: ${items}`);
        await page.keyboard.press('Escape');

        // Files: `save` writes into the file browser's contents (through the service
        // worker), `load` reads it back into a fresh lab.
        await page.keyboard.press('Control+a');
        await page.keyboard.type('save lite-session.json');
        await page.keyboard.press('Shift+Enter');
        await page.waitForFunction(() => [...document.querySelectorAll('.jp-DirListing-itemText')]
          .some((e) => e.textContent.trim() === 'lite-session.json'), null, { timeout: 30_000 });
        await page.keyboard.type('reset\nload lite-session.json\ndescribe-vpcs --output text');
        await page.keyboard.press('Shift+Enter');
        // The kernel may still show idle from the `save` cell: wait for this cell's output.
        await page.waitForFunction(() => [...document.querySelectorAll('.jp-OutputArea-output')]
          .some((o) => /replayed|Error/.test(o.textContent)), null, { timeout: 30_000 });
        await waitIdle(page);
        const last = await page.evaluate(() => {
          const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
          const withOut = cells.filter((c) => c.querySelector('.jp-OutputArea-output'));
          return withOut[withOut.length - 1]?.querySelector('.jp-OutputArea')?.textContent ?? '';
        });
        console.log(`after load: ${last.slice(0, 200).replace(/\s+/g, ' ')}`);
        assert.match(last, /loaded/i, 'load reports what it rebuilt');
        assert.match(last, /vpc-[0-9a-f]+/, 'the VPCs are back after load');
        assert.doesNotMatch(last, /FileUnavailable|IOError/, 'no file error');
      }
      await page.screenshot({ path: shot, fullPage: true });

      assert.deepEqual(found.errors, [], 'no error output in the notebook');
      assert.ok(found.tables >= 1, 'a rendered table');
      const isDiagram = (s) => /\bvpc\b|vpc-[0-9a-f]/i.test(s.body);
      const shown = found.svgs.filter((s) => s.visible);
      if (expect.includes('diagram')) assert.ok(shown.some(isDiagram), 'the VPC diagram (an SVG naming a VPC)');
      const charts = expect.includes('diagram') ? shown.filter((s) => !isDiagram(s)) : shown;
      assert.ok(charts.length >= 1, 'an SVG chart');
      assert.deepEqual(errors, [], 'no console errors');
    } catch (err) {
      if (page) await page.screenshot({ path: shot.replace(/\.png$/, '-failed.png'), fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await browser.close();
    }
  });
}
