import { CounterFamily, HistogramFamily } from '../../../src/observability/metric-families';

describe('metric families (Prometheus text format)', () => {
  it('renders counters per label set, escaping label values', () => {
    const counter = new CounterFamily('demo_total', 'Demo counter.');
    counter.add({ reason: 'TIMEOUT' });
    counter.add({ reason: 'TIMEOUT' }, 2);
    counter.add({ reason: 'say "hi"\\now' });
    expect(counter.value({ reason: 'TIMEOUT' })).toBe(3);
    expect(counter.render()).toEqual(['# HELP demo_total Demo counter.', '# TYPE demo_total counter', 'demo_total{reason="TIMEOUT"} 3', 'demo_total{reason="say \\"hi\\"\\\\now"} 1']);
  });

  it('renders cumulative histogram buckets, +Inf, sum and count', () => {
    const histogram = new HistogramFamily('demo_seconds', 'Demo histogram.', [0.1, 1]);
    for (const value of [0.05, 0.1, 0.5, 3]) histogram.observe({ served: 'BASELINE' }, value);
    expect(histogram.countAtMost({ served: 'BASELINE' }, 0.1)).toBe(2);
    expect(histogram.render()).toEqual([
      '# HELP demo_seconds Demo histogram.',
      '# TYPE demo_seconds histogram',
      'demo_seconds_bucket{served="BASELINE",le="0.1"} 2',
      'demo_seconds_bucket{served="BASELINE",le="1"} 3',
      'demo_seconds_bucket{served="BASELINE",le="+Inf"} 4',
      'demo_seconds_sum{served="BASELINE"} 3.65',
      'demo_seconds_count{served="BASELINE"} 4',
    ]);
  });
});
