// Draws the Grafana dashboard JSON from a Prometheus into a PNG, without Grafana: every panel's PromQL is run against
// Prometheus's HTTP API (query_range over the window), the series are drawn with uPlot in the dashboard's grid (titles,
// units, legends with legendFormat, stat panels with their thresholds), the alert rules' state from /api/v1/rules is
// listed below, and headless Chromium (playwright-core) takes the picture. Used by infra/observability/screenshot.
//
//   node render-dashboard.mjs --prometheus http://127.0.0.1:9095 --dashboard ../rights-platform-dashboard.json \
//     --start <unix s> --end <unix s> --out ../dashboard.png [--step 5] [--note "text under the title"]
//
// Exits 1 when a panel's query or an alert rule fails to evaluate (the picture is still written): the dashboard and
// the rules must work against the real metrics.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import UPNG from 'upng-js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const prometheus = required('prometheus').replace(/\/$/, '');
const start = Number(required('start'));
const end = Number(args.end ?? Math.floor(Date.now() / 1000));
const step = Number(args.step ?? 5);
const dashboard = JSON.parse(await readFile(required('dashboard'), 'utf8'));

const problems = [];
const panels = [];
for (const panel of dashboard.panels) {
  if (panel.type === 'row') {
    panels.push({ type: 'row', title: panel.title, gridPos: panel.gridPos });
    continue;
  }
  const targets = [];
  for (const target of panel.targets ?? []) {
    const expr = grafanaVariables(target.expr);
    const answer = await prom('/api/v1/query_range', { query: expr, start, end, step });
    if (answer.status !== 'success') {
      problems.push(`panel "${panel.title}" ${target.refId}: ${answer.error}`);
    }
    targets.push({
      refId: target.refId,
      expr,
      legendFormat: target.legendFormat,
      error: answer.status === 'success' ? null : answer.error,
      series: answer.status === 'success' ? answer.data.result : [],
    });
  }
  panels.push({
    type: panel.type,
    title: panel.title,
    description: panel.description,
    gridPos: panel.gridPos,
    unit: panel.fieldConfig?.defaults?.unit ?? 'short',
    thresholds: panel.fieldConfig?.defaults?.thresholds,
    overrides: panel.fieldConfig?.overrides ?? [],
    targets,
  });
}

const rules = await prom('/api/v1/rules', {});
if (rules.status !== 'success') {
  problems.push(`rules: ${rules.error}`);
}
const ruleList = (rules.data?.groups ?? []).flatMap((group) =>
  group.rules
    .filter((rule) => rule.type === 'alerting')
    .map((rule) => ({
      group: group.name,
      name: rule.name,
      state: rule.state,
      health: rule.health,
      lastError: rule.lastError,
      severity: rule.labels?.severity,
      summary: rule.annotations?.summary,
      duration: rule.duration,
      alerts: (rule.alerts ?? []).map((alert) => ({
        state: alert.state,
        labels: alert.labels,
        value: alert.value,
        activeAt: alert.activeAt,
      })),
    })),
);
for (const rule of ruleList) {
  if (rule.health !== 'ok') {
    problems.push(`alert rule ${rule.name}: health ${rule.health} ${rule.lastError ?? ''}`);
  }
}

const data = {
  title: dashboard.title,
  start,
  end,
  step,
  note: args.note ?? '',
  panels,
  rules: ruleList,
};
const uplotJs = await readFile(path.join(HERE, 'node_modules/uplot/dist/uPlot.iife.min.js'), 'utf8');
const uplotCss = await readFile(path.join(HERE, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8');
const pageJs = await readFile(path.join(HERE, 'page.js'), 'utf8');
const pageCss = await readFile(path.join(HERE, 'page.css'), 'utf8');
const html = `<!doctype html><html><head><meta charset="utf-8"><style>${uplotCss}\n${pageCss}</style></head>
<body><div id="root"></div><script>${uplotJs}</script>
<script>window.DASHBOARD = ${JSON.stringify(data).replace(/</g, '\\u003c')};</script>
<script>${pageJs}</script></body></html>`;
if (args.html) {
  await writeFile(args.html, html);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(args.width ?? 1600), height: 1000 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // Nothing is fetched: the page, uPlot and the data are inline. Refusing every request keeps it so.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  await page.waitForFunction(() => window.RENDERED === true || window.RENDER_ERROR, null, { timeout: 30000 });
  const renderError = await page.evaluate(() => window.RENDER_ERROR);
  if (renderError || errors.length) {
    throw new Error(`the page failed: ${renderError ?? ''} ${errors.join('; ')}`);
  }
  const shot = await page.screenshot({ fullPage: true });
  // 256 colours are plenty for flat panels and thin lines, and keep the committed picture small.
  const image = UPNG.decode(shot);
  const png = UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, Number(args.colours ?? 256));
  await writeFile(required('out'), Buffer.from(png));
} finally {
  await browser.close();
}

const drawn = panels.filter((panel) => panel.type !== 'row');
const empty = drawn.filter((panel) => panel.targets.every((target) => target.series.length === 0));
console.log(`rendered ${drawn.length} panels (${drawn.length - empty.length} with data) and ${ruleList.length} alert rules to ${args.out}`);
for (const panel of empty) console.log(`  no data: ${panel.title}`);
for (const rule of ruleList.filter((rule) => rule.state !== 'inactive')) console.log(`  alert ${rule.state}: ${rule.name}`);
if (problems.length) {
  for (const problem of problems) console.error(`ERROR ${problem}`);
  process.exit(1);
}

async function prom(apiPath, params) {
  const url = new URL(prometheus + apiPath);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
  const response = await fetch(url);
  const body = await response.json().catch(() => ({ status: 'error', error: `HTTP ${response.status}` }));
  return body;
}

// The few Grafana variables a query may use, with what Grafana would put there for this window.
function grafanaVariables(expr) {
  return expr
    .replaceAll('$__rate_interval', `${Math.max(4 * step, 60)}s`)
    .replaceAll('$__interval', `${step}s`)
    .replaceAll('$__range', `${end - start}s`);
}

function parseArgs(list) {
  const parsed = {};
  for (let i = 0; i < list.length; i += 2) {
    if (!list[i].startsWith('--') || i + 1 >= list.length) usage(`bad argument ${list[i]}`);
    parsed[list[i].slice(2)] = list[i + 1];
  }
  return parsed;
}

function required(name) {
  if (args[name] === undefined) usage(`--${name} is required`);
  return args[name];
}

function usage(problem) {
  console.error(`render-dashboard: ${problem}`);
  console.error('usage: node render-dashboard.mjs --prometheus URL --dashboard FILE --start UNIX --out PNG [--end UNIX] [--step S] [--note TEXT] [--html FILE] [--width PX] [--colours N]');
  process.exit(2);
}
