import type { StrategyReport } from '../services/strategy-report.service';

/**
 * The strategy report as one self-contained HTML page: numbers a person can read at a
 * glance, charts drawn as inline SVG (no script, no CDN, works offline and in a mail).
 */
export function strategyReportHtml(report: StrategyReport): string {
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);
  const number = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '—' : value.toFixed(digits));
  const ctrBars = report.byStrategy.map((row) => ({ label: row.strategy, value: row.ctr.rate, low: row.ctr.low, high: row.ctr.high, note: `${row.clicks}/${row.impressions}` }));
  const sourceBars = report.bySource.map((row) => ({ label: row.source, value: row.ctr.rate, low: row.ctr.low, high: row.ctr.high, note: `${row.clicks}/${row.impressions}` }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>recgate: baseline vs Personalize</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#1d2430;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #dde3ea;padding-bottom:.3rem}
.meta{color:#5b6675}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.8rem;margin:1rem 0}
.card{background:#f5f7fa;border-radius:8px;padding:.7rem .9rem}.card b{display:block;font-size:1.4rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:1.2rem}
figure{margin:0}figcaption{color:#5b6675;font-size:.9rem}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eef1f4}
svg text{font:11px system-ui,sans-serif;fill:#3a4452}
</style></head><body>
<h1>Baseline vs Personalize</h1>
<p class="meta">Generated ${escapeHtml(new Date(report.generatedAt).toISOString())} · top ${report.k} · ${report.comparedUsers} of ${report.users} users compared${
    Object.keys(report.fallbacks).length > 0 ? ` · Personalize fell back for ${Object.entries(report.fallbacks).map(([reason, count]) => `${count} (${escapeHtml(reason)})`).join(', ')}` : ''
  }</p>
<div class="cards">
<div class="card"><b>${percent(report.overlap.mean)}</b>overlap@${report.k}</div>
<div class="card"><b>${number(report.rbo.mean)}</b>rank-biased overlap (p 0.9)</div>
<div class="card"><b>${number(report.kendallTau.mean)}</b>Kendall's tau on common items (${report.kendallTau.users} users)</div>
<div class="card"><b>${report.newContent.items}</b>items only Personalize surfaced (${percent(report.newContent.share)} of its items)</div>
</div>
<h2>How much the lists agree</h2>
<div class="charts">
<figure>${lineChart(report.overlapCurve.map((point) => ({ x: point.k, y: point.mean })), 'list depth k', 'mean overlap@k')}<figcaption>Mean overlap of the two top-k lists, by depth.</figcaption></figure>
<figure>${barChart(report.overlap.histogram.map((count, index) => ({ label: `${index * 10}–${index * 10 + 10}`, value: count })), '% overlap@' + report.k, 'users')}<figcaption>Users by overlap@${report.k} (tenths).</figcaption></figure>
</div>
<h2>What each strategy shows</h2>
<div class="charts">
<figure>${barChart(
    [
      { label: 'coverage B', value: report.coverage.baseline },
      { label: 'coverage P', value: report.coverage.personalize },
      { label: 'popularity B', value: report.popularityBias.baseline },
      { label: 'popularity P', value: report.popularityBias.personalize },
    ],
    '',
    'share',
    1,
  )}<figcaption>Catalogue coverage, and mean popularity percentile of recommended items (higher: leans on the popular); B baseline, P Personalize.</figcaption></figure>
<figure><table><tr><th>Only Personalize surfaced (examples)</th></tr>${report.newContent.examples.map((item) => `<tr><td>${escapeHtml(item.title)} <span class="meta">${escapeHtml(item.id)}</span></td></tr>`).join('') || '<tr><td class="meta">none</td></tr>'}</table></figure>
</div>
<h2>Clicks on recorded lists</h2>
<div class="charts">
<figure>${intervalChart(ctrBars, 'click-through by strategy served')}<figcaption>Click-through rate per strategy, with 95 % Wilson intervals.</figcaption></figure>
<figure>${intervalChart(sourceBars, 'click-through by source')}<figcaption>Click-through rate per source of the item.</figcaption></figure>
</div>
<table><tr><th>strategy</th><th>impressions</th><th>clicks</th><th>CTR (95 %)</th><th>watch time</th></tr>
${report.byStrategy.map((row) => `<tr><td>${escapeHtml(row.strategy)}</td><td>${row.impressions}</td><td>${row.clicks}</td><td>${percent(row.ctr.rate)} (${percent(row.ctr.low)}–${percent(row.ctr.high)})</td><td>${(row.watchSeconds / 3600).toFixed(1)} h</td></tr>`).join('') || '<tr><td colspan="5" class="meta">no recorded impressions or clicks for these users yet</td></tr>'}
</table>
</body></html>
`;
}

const WIDTH = 440;
const HEIGHT = 220;
const MARGIN = { left: 44, right: 12, top: 12, bottom: 42 };

function frame(inner: string, yMax: number, yLabel: string): string {
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => {
      const y = MARGIN.top + plotHeight * (1 - t);
      const value = yMax * t;
      return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#eef1f4"/><text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${value >= 10 ? value.toFixed(0) : value.toFixed(2)}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${escapeHtml(yLabel)}" xmlns="http://www.w3.org/2000/svg">${ticks}${inner}<text x="12" y="${MARGIN.top + plotHeight / 2}" transform="rotate(-90 12 ${MARGIN.top + plotHeight / 2})" text-anchor="middle">${escapeHtml(yLabel)}</text></svg>`;
}

function lineChart(points: readonly { x: number; y: number }[], xLabel: string, yLabel: string): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xMax = Math.max(1, ...points.map((point) => point.x));
  const at = (point: { x: number; y: number }) => `${(MARGIN.left + (plotWidth * (point.x - 1)) / Math.max(1, xMax - 1)).toFixed(1)},${(MARGIN.top + plotHeight * (1 - point.y)).toFixed(1)}`;
  const path = points.map(at).join(' ');
  const dots = points.map((point) => `<circle cx="${at(point).split(',')[0]}" cy="${at(point).split(',')[1]}" r="3" fill="#2f6fde"/>`).join('');
  const labels = points.map((point) => `<text x="${at(point).split(',')[0]}" y="${HEIGHT - MARGIN.bottom + 14}" text-anchor="middle">${point.x}</text>`).join('');
  return frame(`<polyline points="${path}" fill="none" stroke="#2f6fde" stroke-width="2"/>${dots}${labels}<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 6}" text-anchor="middle">${escapeHtml(xLabel)}</text>`, 1, yLabel);
}

function barChart(bars: readonly { label: string; value: number }[], xLabel: string, yLabel: string, fixedMax?: number): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const yMax = fixedMax ?? Math.max(1, ...bars.map((bar) => bar.value));
  const slot = plotWidth / Math.max(1, bars.length);
  const rects = bars
    .map((bar, index) => {
      const height = (plotHeight * bar.value) / yMax;
      const x = MARGIN.left + slot * index + slot * 0.15;
      return `<rect x="${x.toFixed(1)}" y="${(MARGIN.top + plotHeight - height).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${height.toFixed(1)}" fill="#2f6fde" rx="2"/><text x="${(x + slot * 0.35).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 14}" text-anchor="middle">${escapeHtml(bar.label)}</text>`;
    })
    .join('');
  return frame(`${rects}<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 6}" text-anchor="middle">${escapeHtml(xLabel)}</text>`, yMax, yLabel);
}

export function intervalChart(bars: readonly { label: string; value: number; low: number; high: number; note: string }[], yLabel: string): string {
  if (bars.length === 0) return `<p class="meta">No recorded impressions yet.</p>`;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const yMax = Math.max(0.05, ...bars.map((bar) => bar.high)) * 1.1;
  const slot = plotWidth / bars.length;
  const y = (value: number) => MARGIN.top + plotHeight * (1 - value / yMax);
  const marks = bars
    .map((bar, index) => {
      const centre = MARGIN.left + slot * index + slot / 2;
      return `<rect x="${(centre - slot * 0.3).toFixed(1)}" y="${y(bar.value).toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${(MARGIN.top + plotHeight - y(bar.value)).toFixed(1)}" fill="#7aa7f0" rx="2"/><line x1="${centre}" x2="${centre}" y1="${y(bar.low).toFixed(1)}" y2="${y(bar.high).toFixed(1)}" stroke="#1d2430" stroke-width="1.5"/><text x="${centre}" y="${HEIGHT - MARGIN.bottom + 14}" text-anchor="middle">${escapeHtml(bar.label)}</text><text x="${centre}" y="${HEIGHT - MARGIN.bottom + 28}" text-anchor="middle">${escapeHtml(bar.note)}</text>`;
    })
    .join('');
  return frame(marks, yMax, yLabel);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);
}
