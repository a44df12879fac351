import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withScriptContainer } from '../src/local/script-container';
import { strategyReportHtml } from '../src/pages/strategy-report.html';
import { readersOf } from '../src/graphql/request-context';

const USAGE = `Usage: npm run report -- [--out DIR] [--k 10] [--sample N] [--segment attribute=value]

Compares the baseline with Personalize for a set of users (all; the first N by id; or those
whose profile attribute has a value) and writes DIR/report.json and a self-contained
DIR/report.html: overlap@k, Kendall's tau, rank-biased overlap, items only Personalize
surfaced, coverage, popularity bias, and click-through per strategy and per source (95 %
intervals) from the events those users recorded. Uses the configured Personalize, or the
local one of a running npm start. Default DIR: report.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' }, k: { type: 'string' }, sample: { type: 'string' }, segment: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const whole = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw Object.assign(new Error(`--${name} must be a whole number, got "${raw}"`), { code: 'ERR_PARSE_ARGS_VALUE' });
    return Number(raw);
  };
  const k = whole('k', values.k);
  const sample = whole('sample', values.sample);
  let segment: { attribute: string; value: string } | undefined;
  if (values.segment !== undefined) {
    const at = values.segment.indexOf('=');
    if (at < 1) throw Object.assign(new Error(`--segment must be attribute=value, got "${values.segment}"`), { code: 'ERR_PARSE_ARGS_VALUE' });
    segment = { attribute: values.segment.slice(0, at), value: values.segment.slice(at + 1) };
  }
  const directory = path.resolve(values.out ?? 'report');
  return withScriptContainer(async (container, storage) => {
    console.log(`report: baseline vs Personalize from ${storage}`);
    const report = await container.reportService.report({ ...(k !== undefined ? { k } : {}), ...(sample !== undefined ? { sample } : {}), ...(segment ? { segment } : {}) }, () => readersOf(container.createContext()));
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(path.join(directory, 'report.html'), strategyReportHtml(report));
    const fallbacks = Object.entries(report.fallbacks);
    console.log(`  users: ${report.comparedUsers} compared of ${report.users}${fallbacks.length > 0 ? ` (Personalize fell back: ${fallbacks.map(([reason, count]) => `${count} ${reason}`).join(', ')})` : ''}`);
    console.log(`  overlap@${report.k} ${report.overlap.mean?.toFixed(3) ?? '—'}, RBO ${report.rbo.mean?.toFixed(3) ?? '—'}, Kendall's tau ${report.kendallTau.mean?.toFixed(3) ?? '—'}, new content ${report.newContent.items} items`);
    console.log(`  wrote ${path.relative(process.cwd(), path.join(directory, 'report.json'))} and ${path.relative(process.cwd(), path.join(directory, 'report.html'))}`);
    return report.comparedUsers === 0 && report.users > 0 ? 1 : 0;
  });
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const usage = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`report: ${usage ? '' : 'failed: '}${error instanceof Error ? error.message : String(error)}${usage ? `\n\n${USAGE}` : ''}`);
    process.exit(usage ? 2 : 1);
  });
