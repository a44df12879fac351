import type { ExperimentResults } from '../experiments/experiment.service';
import type { StrategyReport } from '../services/strategy-report.service';
import { escapeHtml, intervalChart, strategyReportHtml } from './strategy-report.html';

/** The dashboard's content: the strategy report, then each experiment's variants with the same interval charts. */
export function dashboardHtml(report: StrategyReport, experiments: readonly ExperimentResults[]): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  const sections = experiments
    .map(({ experiment, variants }) => {
      const bars = variants.map((variant) => ({ label: variant.name, value: variant.ctr.rate, low: variant.ctr.low, high: variant.ctr.high, note: `${variant.clicks}/${variant.impressions}` }));
      const rows = variants
        .map(
          (variant) =>
            `<tr><td>${escapeHtml(variant.name)}</td><td>${escapeHtml(variant.strategy)}</td><td>${variant.exposures}</td><td>${variant.impressions}</td><td>${variant.clicks}</td><td>${percent(variant.ctr.rate)} (${percent(variant.ctr.low)}–${percent(variant.ctr.high)})</td><td>${percent(variant.probabilityBest)}</td></tr>`,
        )
        .join('');
      return `<section class="experiment"><h2>Experiment: ${escapeHtml(experiment.name)} <span class="meta">${escapeHtml(experiment.kind)} · ${escapeHtml(experiment.status)}</span></h2>
<div class="charts"><figure>${intervalChart(bars, 'click-through by variant')}<figcaption>Click-through per variant, 95 % Wilson intervals.</figcaption></figure>
<figure><table><tr><th>variant</th><th>strategy</th><th>lists</th><th>impressions</th><th>clicks</th><th>CTR (95 %)</th><th>P(best)</th></tr>${rows}</table></figure></div></section>`;
    })
    .join('\n');
  const experimentsPart = `<h2>Experiments</h2>${sections || '<p class="meta">No experiments yet: create one with the createExperiment mutation.</p>'}`;
  return strategyReportHtml(report).replace('</body>', `${experimentsPart}\n</body>`);
}
