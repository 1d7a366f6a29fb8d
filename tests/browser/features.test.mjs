// What a person sees of cloudlab in JupyterLab beyond "the notebook runs" (lab.test.mjs):
//  1. Run All stops at a failing cell: the cells after it do not run (no count, no output),
//     even when the cell fails at once and the browser is slow (CPU throttled), so the later
//     execute requests reach the kernel after the error reply. Trials against ipykernel
//     are logged beside it.
//  2. Tables, charts and the diagram stay readable in JupyterLab's dark theme: every table
//     cell's and SVG text's colour against what is behind it has a WCAG contrast ≥ 4.5.
//  3. The `cloudlab` syntax mode (jupyterlab-cloudlab) highlights cells: a CIDR is one token,
//     commands, flags, resource IDs, strings and comments get different classes.
// With SCREENSHOTS=DIR it also writes the README's pictures there (scripts/screenshots.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, putNotebook, openNotebook, menu, runAll, cellsOf, LAB_URL, TOKEN } from './lab.mjs';

const RUN_TIMEOUT_MS = Number(process.env.RUN_TIMEOUT_MS ?? 240_000);
const FAILED_SHOTS = process.env.SCREENSHOT_DIR ?? 'out';
const README_SHOTS = process.env.SCREENSHOTS ?? '';
// WCAG 2.x AA for normal-size text.
const MIN_CONTRAST = 4.5;

async function withPage(name, body) {
  assert.ok(LAB_URL && TOKEN, 'LAB_URL and LAB_TOKEN come from run.sh');
  const browser = await launch();
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await body(page);
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  } catch (err) {
    if (page) await page.screenshot({ path: path.join(FAILED_SHOTS, `${name}-failed.png`), fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await browser.close();
  }
}

// Run All with a cell that fails at once, `trials` times in one page, the browser's CPU
// throttled (a loaded classroom laptop) so JupyterLab and jupyter-server trickle the later
// execute requests out after the error reply. Returns, per trial, how many later cells ran.
async function runAllTrials(page, failing, trials) {
  const throttle = Number(process.env.RUN_ALL_THROTTLE ?? 4);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const ranPerTrial = [];
  try {
    for (let t = 0; t < trials; t++) {
      const cellsNow = () => page.evaluate((src) => eval(src)(), `(${cellsOf})`);
      const before = (await cellsNow())[failing].prompt;
      // A throttled page can miss a menu click: close the menu and try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await page.locator('.jp-Notebook .jp-Cell .jp-InputPrompt').first().click();
          await menu(page, 'Run', 'Run All Cells');
          break;
        } catch (err) {
          if (attempt === 3) throw err;
          await page.keyboard.press('Escape');
        }
      }
      // Done: the failing cell has a new count and its error, the kernel is idle, nothing queued.
      const done = () => page.waitForFunction(([src, i, was]) => {
        const cells = eval(src)();
        const idle = document.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
        return idle && /\[\d+\]/.test(cells[i].prompt) && cells[i].prompt !== was && cells[i].errors === 1
          && !cells.some((c) => c.prompt.includes('*'));
      }, [`(${cellsOf})`, failing, before], { timeout: RUN_TIMEOUT_MS, polling: 100 });
      await done();
      // A late request would show up in this time (the kernel's abort window is shorter).
      await page.waitForTimeout(2_000);
      await done();
      const cells = await cellsNow();
      assert.match(cells[0].prompt, /\[\d+\]/, 'the first cell ran');
      assert.equal(cells[0].errors, 0, 'the first cell succeeded');
      const ran = cells.slice(failing + 1).filter((c) => /\d/.test(c.prompt) || c.outputs > 0);
      ranPerTrial.push(ran.length);
      console.log(`trial ${t + 1}: prompts ${cells.map((c) => c.prompt.trim()).join(' ')}`);
    }
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
  return ranPerTrial;
}

const TRIALS = Number(process.env.RUN_ALL_TRIALS ?? 5);
const LATER = [
  'create-vpc --cidr-block 10.1.0.0/16 --name after-1',
  'describe-vpcs',
  'create-vpc --cidr-block 10.2.0.0/16 --name after-2',
  'subnet-calc 10.0.0.0/24',
  'regions',
  'describe-vpcs --vpc-ids before',
  "describe-vpcs --vpc-ids vpc-0123456789abcdef0 # an ID; 'a string'",
];

test('Run All stops at a cell that fails at once: the cells after it never run', { timeout: RUN_TIMEOUT_MS + TRIALS * 60_000 }, async () => {
  await putNotebook('run-all-stops.ipynb', [
    'reset\ncreate-vpc --cidr-block 10.0.0.0/16 --name before',
    // Fails in well under a millisecond, before JupyterLab has sent the rest of Run All.
    'describe-vpcs --vpc-ids no-such-vpc',
    ...LATER,
  ]);
  await withPage('run-all-stops', async (page) => {
    await openNotebook(page, 'run-all-stops.ipynb');
    const ran = await runAllTrials(page, 1, TRIALS);
    const bad = ran.filter((n) => n > 0).length;
    console.log(`cloudlab: later cells ran in ${bad} of ${TRIALS} trials (cells ran per trial: ${ran.join(',')})`);
    assert.equal(bad, 0, `cells after the error ran in ${bad} of ${TRIALS} trials: ${ran.join(',')}`);

    // The syntax mode tells a resource ID from the command and flag around it.
    const tokens = await page.evaluate(tokensOf, 'vpc-0123456789abcdef0');
    const cls = (text) => tokens.filter((t) => t.text === text).map((t) => t.cls);
    assert.equal(cls('vpc-0123456789abcdef0').length, 1, `a resource ID is one token: ${JSON.stringify(tokens)}`);
    assert.equal(new Set([cls('describe-vpcs')[0], cls('--vpc-ids')[0], cls('vpc-0123456789abcdef0')[0]]).size, 3,
      `command, flag and ID have classes of their own: ${JSON.stringify(tokens)}`);
    assert.equal(cls("# an ID; 'a string'").length, 1, 'a comment runs to the end of the line, quotes and all');
  });
});

// The same Run All against ipykernel (the python3 kernel beside JupyterLab), for comparison:
// logged, not asserted (ipykernel's behaviour is not ours to test).
test('Run All with ipykernel, for comparison', { timeout: RUN_TIMEOUT_MS + TRIALS * 60_000 }, async (t) => {
  const specs = await (await fetch(`${LAB_URL}/api/kernelspecs?token=${TOKEN}`)).json();
  if (!specs.kernelspecs.python3) return t.skip('no python3 kernel in this Jupyter');
  await putNotebook('run-all-python.ipynb', [
    'x = 1',
    'assert x == 2, "fails at once"',
    ...LATER.map((_, i) => `print("after-${i + 1}")`),
  ], { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' });
  await withPage('run-all-python', async (page) => {
    await openNotebook(page, 'run-all-python.ipynb', /python/i);
    const ran = await runAllTrials(page, 1, TRIALS);
    console.log(`ipykernel: later cells ran in ${ran.filter((n) => n > 0).length} of ${TRIALS} trials (cells ran per trial: ${ran.join(',')})`);
  });
});

// A short tour: a VPC (table), its diagram, the replication lab, the autoscaling lab.
const SHOWCASE = [
  `# a VPC across two AZs, the way the console's wizard builds it
region ap-northeast-2
vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1
run-instances --instance-type t3.micro --subnet-id shop-subnet-private1-ap-northeast-2a --private-ip-address 10.0.128.10 --name app1`,
  'diagram shop-vpc',
  'simulate replication --engines rds-mysql,aurora-mysql --write-rate 1000,2000,5000,10000 --duration 10m --replicas 2 --seed 7',
  `create-security-group --group-name app-sg --description "web servers" --vpc-id shop-vpc
authorize-security-group-ingress --group-id app-sg --protocol tcp --port 80 --cidr 10.0.0.0/16
create-launch-template --launch-template-name web-lt --launch-template-data '{"ImageId":"ami-0c9c942bd7bf113a2","InstanceType":"t3.micro","SecurityGroupIds":["app-sg"]}'
aws elbv2 create-target-group --name web-tg --protocol HTTP --port 80 --vpc-id shop-vpc
aws elbv2 create-load-balancer --name web-alb --subnets shop-subnet-public1-ap-northeast-2a shop-subnet-public2-ap-northeast-2b
aws elbv2 create-listener --load-balancer-arn web-alb --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=web-tg
aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt,Version='$Latest' --min-size 2 --max-size 6 --vpc-zone-identifier shop-subnet-private1-ap-northeast-2a,shop-subnet-private2-ap-northeast-2b --target-group-arns web-tg
aws autoscaling put-scaling-policy --auto-scaling-group-name web-asg --policy-name cpu50 --policy-type TargetTrackingScaling --target-tracking-configuration '{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50}'`,
  'simulate autoscaling --auto-scaling-group-name web-asg --load ramp:0-3000rps:10m,steady:20m,drop:10m --metrics detailed --seed 1',
];

// Runs in the page: the WCAG contrast of every table cell's and every SVG text's colour
// against what is painted behind it (semi-transparent layers composited).
function contrasts() {
  const rgba = (s) => {
    const m = /rgba?\(([^)]+)\)/.exec(s ?? '');
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1);
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  // The page's background behind an element: its and its ancestors' backgrounds.
  const pageBackground = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 1) break;
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
  const results = { table: [], svg: [] };
  for (const cell of outputs.flatMap((o) => [...o.querySelectorAll('td, th')])) {
    if (!cell.textContent.trim()) continue;
    const fg = over(rgba(getComputedStyle(cell).color), pageBackground(cell));
    results.table.push({ text: cell.textContent.trim().slice(0, 30), ratio: ratio(fg, pageBackground(cell)) });
  }
  // image/svg+xml renders as <img>: draw a copy of its SVG off-screen to read its styles.
  const host = document.createElement('div');
  host.style.cssText = 'position:absolute;left:-20000px;top:0;color:black';
  document.body.appendChild(host);
  const images = outputs.flatMap((o) => [...o.querySelectorAll('img')])
    .filter((img) => (img.getAttribute('src') ?? '').startsWith('data:image/svg+xml'));
  images.forEach((img, n) => {
    const src = img.getAttribute('src');
    const body = src.includes(';base64,') ? atob(src.split(',')[1]) : decodeURIComponent(src.slice(src.indexOf(',') + 1));
    const svg = new DOMParser().parseFromString(body, 'image/svg+xml').documentElement;
    host.replaceChildren(document.importNode(svg, true));
    const root = host.firstElementChild;
    const behindImg = pageBackground(img);
    const shapes = [...root.querySelectorAll('rect, circle, polygon, path')];
    for (const t of root.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const s = getComputedStyle(t);
      const fill = rgba(s.fill);
      if (!fill) continue;
      const tb = t.getBoundingClientRect();
      const cx = tb.left + tb.width / 2;
      const cy = tb.top + tb.height / 2;
      // Shapes painted before the text whose box holds the text's centre, in paint order.
      let bg = behindImg;
      for (const sh of shapes) {
        if (!(sh.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
        if (sh.tagName !== 'rect') continue;
        const b = sh.getBoundingClientRect();
        if (cx < b.left || cx > b.right || cy < b.top || cy > b.bottom) continue;
        const ss = getComputedStyle(sh);
        const c = rgba(ss.fill);
        if (!c) continue;
        c[3] *= Number(ss.fillOpacity) * Number(ss.opacity);
        bg = over(c, bg);
      }
      const fg = over([fill[0], fill[1], fill[2], fill[3] * Number(s.fillOpacity) * Number(s.opacity)], bg);
      results.svg.push({ image: n, text: t.textContent.trim().slice(0, 30), ratio: ratio(fg, bg) });
    }
  });
  host.remove();
  results.images = images.length;
  return results;
}

// Runs in the page: the editor's highlighted spans of the first cell that holds `needle`.
function tokensOf(needle) {
  const editor = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .cm-content')]
    .find((e) => e.textContent.includes(needle));
  if (!editor) return null;
  return [...editor.querySelectorAll('.cm-line span')]
    .filter((s) => s.children.length === 0)
    .map((s) => ({ text: s.textContent, cls: s.className }));
}

async function toTop(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.jp-NotebookPanel .jp-WindowedPanel-outer, .jp-NotebookPanel-notebook')) el.scrollTop = 0;
  });
}

async function shot(page, file, locator) {
  const out = path.join(README_SHOTS, file);
  await (locator ?? page).screenshot({ path: out });
  console.log(`screenshot: ${out}`);
}

test('dark theme: tables and charts readable; cloudlab syntax mode', { timeout: RUN_TIMEOUT_MS + 120_000 }, async () => {
  await putNotebook('tour.ipynb', SHOWCASE);
  await withPage('tour', async (page) => {
    await openNotebook(page, 'tour.ipynb');
    const cells = await runAll(page, RUN_TIMEOUT_MS);
    assert.deepEqual(cells.map((c) => c.errors), SHOWCASE.map(() => 0), `no cell failed: ${JSON.stringify(cells)}`);
    assert.ok(cells.every((c) => /\[\d+\]/.test(c.prompt)), 'every cell ran');
    const math = await page.evaluate(() => [...document.querySelectorAll('.jp-OutputArea-output mjx-container, .jp-OutputArea-output .MathJax')]
      .map((m) => m.closest('.jp-OutputArea-output').innerHTML.slice(0, 600)));
    assert.deepEqual(math, [], 'no output is typeset as LaTeX (a "$" in a cost)');

    // The syntax mode: whole tokens, and kinds told apart.
    const tokens = await page.evaluate(tokensOf, 'vpc wizard --name shop --cidr 10.0.0.0/16');
    assert.ok(tokens, 'the first cell is in the page');
    const span = (text) => tokens.filter((t) => t.text === text);
    const cidr = span('10.0.0.0/16');
    assert.equal(cidr.length, 1, `10.0.0.0/16 is one token: ${JSON.stringify(tokens.filter((t) => t.text.includes('10.')))}`);
    assert.equal(cidr[0].cls.trim().split(/\s+/).length, 1, 'with one class');
    assert.equal(span('10.0.128.10').length, 1, 'an IP address is one token');
    const cls = (text) => {
      const s = span(text);
      assert.equal(s.length >= 1, true, `${text} is a token of its own: ${JSON.stringify(tokens.slice(0, 40))}`);
      return s[0].cls;
    };
    const kinds = {
      command: cls('region'), flag: cls('--cidr'), cidr: cidr[0].cls,
      comment: tokens.find((t) => t.text.startsWith('# a VPC'))?.cls,
    };
    console.log(`token classes: ${JSON.stringify(kinds)}`);
    assert.ok(kinds.comment, 'the comment is highlighted');
    assert.equal(new Set(Object.values(kinds)).size, 4, 'command, flag, CIDR and comment have different classes');
    assert.equal(cls('run-instances'), kinds.command, 'every command is a command');
    assert.equal(cls('--nat-gateways'), kinds.flag, 'every flag is a flag');
    const strings = await page.evaluate(tokensOf, '--description "web servers"');
    assert.ok(strings.some((t) => t.text === '"web servers"' && t.cls !== kinds.command && t.cls !== kinds.flag),
      `a string is one token of its own kind: ${JSON.stringify(strings.slice(0, 12))}`);

    if (README_SHOTS) {
      // The notebook alone, without the file browser: View → Appearance → Show Left Sidebar.
      await page.locator('.lm-MenuBar-itemLabel', { hasText: /^View$/ }).click();
      await page.locator('.lm-Menu-itemLabel', { hasText: /^Appearance$/ }).hover();
      await page.locator('.lm-Menu-itemLabel', { hasText: /^Show Left Sidebar$/ }).click();
      await toTop(page);
      await page.waitForTimeout(300);
      await shot(page, 'notebook-light.png');
      const imgOf = (i) => page.locator('.jp-Notebook .jp-CodeCell').nth(i)
        .locator('.jp-OutputArea-output img[src^="data:image/svg+xml"]').first();
      await shot(page, 'diagram.png', imgOf(1));
      await shot(page, 'replication.png', imgOf(2));
      await shot(page, 'autoscaling.png', imgOf(4));
    }

    // Settings → Theme → JupyterLab Dark, as a person would.
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Settings$/ }).click();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^Theme$/ }).hover();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^JupyterLab Dark$/ }).click();
    await page.waitForFunction(() => document.body.dataset.jpThemeLight === 'false'
      && document.body.dataset.jpThemeName === 'JupyterLab Dark', null, { timeout: 30_000 });
    await page.waitForTimeout(1_000);
    const dark = await page.evaluate(contrasts);
    const worst = (xs) => xs.reduce((w, x) => (x.ratio < w.ratio ? x : w), { ratio: Infinity });
    console.log(`dark theme: ${dark.table.length} table cells (lowest contrast ${worst(dark.table).ratio.toFixed(2)}), `
      + `${dark.svg.length} SVG texts in ${dark.images} images (lowest ${worst(dark.svg).ratio.toFixed(2)} "${worst(dark.svg).text}")`);
    assert.ok(dark.table.length >= 5, 'table cells were measured');
    assert.ok(dark.images >= 3 && dark.svg.length >= 20, 'the diagram and charts were measured');
    const low = (xs) => xs.filter((x) => x.ratio < MIN_CONTRAST);
    assert.deepEqual(low(dark.table), [], 'table text has contrast ≥ 4.5 in the dark theme');
    assert.deepEqual(low(dark.svg), [], 'SVG text has contrast ≥ 4.5 in the dark theme');
    if (README_SHOTS) {
      await toTop(page);
      await page.waitForTimeout(300);
      await shot(page, 'notebook-dark.png');
    }
  });
});
