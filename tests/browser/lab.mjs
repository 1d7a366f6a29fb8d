// What the browser tests share: Debian's chromium through playwright-core, the Jupyter
// server run.sh started (LAB_URL, LAB_TOKEN), and the steps a person takes in JupyterLab.
import { chromium } from 'playwright-core';

export const LAB_URL = process.env.LAB_URL;
export const TOKEN = process.env.LAB_TOKEN;

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a notebook of cloudlab code cells through the server's contents API. */
export async function putNotebook(name, cells) {
  const nb = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'cloudlab', display_name: 'cloudlab (AWS model)', language: 'cloudlab' } },
    cells: cells.map((source, i) => ({
      cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source,
    })),
  };
  const r = await fetch(`${LAB_URL}/api/contents/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { Authorization: `token ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'notebook', format: 'json', content: nb }),
  });
  if (!r.ok) throw new Error(`PUT ${name}: ${r.status} ${await r.text()}`);
}

/** Opens a notebook and waits for its cloudlab kernel to be idle. */
export async function openNotebook(page, name) {
  await page.goto(`${LAB_URL}/lab/tree/${encodeURIComponent(name)}?token=${TOKEN}&reset`);
  await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 90_000 });
  await page.waitForFunction(() => {
    const kernel = document.querySelector('.jp-NotebookPanel-toolbar .jp-KernelName')?.textContent ?? '';
    const idle = document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
    return /cloudlab/i.test(kernel) && idle;
  }, null, { timeout: 90_000, polling: 250 });
}

export async function menu(page, top, item) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${top}$`) }).click();
  // Items are disabled until the notebook is the current widget: wait for that.
  await page.locator('.lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }).click();
}

/** Each non-empty code cell's prompt text (`[3]:`, `[*]:`, `[ ]:`) and output count. */
export const cellsOf = () => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]
  .filter((c) => (c.querySelector('.jp-InputArea-editor')?.textContent ?? '').trim() !== '')
  .map((c) => ({
    prompt: c.querySelector('.jp-InputArea-prompt')?.textContent ?? '',
    outputs: c.querySelectorAll('.jp-OutputArea-output').length,
    errors: [...c.querySelectorAll('.jp-OutputArea-output')]
      .filter((o) => o.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr').length,
  }));

/** Run → Run All Cells, then waits until the kernel is idle and no cell is queued ([*]),
 * and stays so for `settleMs` (a late execute request would show up in that time). */
export async function runAll(page, timeout, settleMs = 0) {
  // The notebook is the current widget once a cell is clicked.
  await page.locator('.jp-Notebook .jp-Cell .jp-InputPrompt').first().click();
  await menu(page, 'Run', 'Run All Cells');
  await page.waitForFunction((src) => eval(src)().some((c) => /\[(\*|\d+)\]/.test(c.prompt)),
    `(${cellsOf})`, { timeout: 30_000, polling: 100 });
  const done = async () => page.waitForFunction((src) => {
    const cells = eval(src)();
    const idle = document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
    return idle && cells.some((c) => /\[\d+\]/.test(c.prompt)) && !cells.some((c) => c.prompt.includes('*'));
  }, `(${cellsOf})`, { timeout, polling: 50 });
  await done();
  if (settleMs > 0) {
    await page.waitForTimeout(settleMs);
    await done();
  }
  return page.evaluate((src) => eval(src)(), `(${cellsOf})`);
}
