import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
}

interface Props {
  title: string;
  /** Unix seconds of each point (UTC day starts). */
  x: number[];
  series: ChartSeries[];
  format: (value: number) => string;
  testId: string;
}

const HEIGHT = 200;

/** A small uPlot line chart of daily values, in UTC, sized to its container. */
export function Chart({ title, x, series, format, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([x, series]);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 240),
      height: HEIGHT,
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      series: [
        { label: 'Day (UTC)', value: (_u, v) => (v === null ? '—' : new Date(v * 1000).toISOString().slice(0, 10)) },
        ...series.map(s => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          points: { show: true, size: 5 },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        })),
      ],
      axes: [
        { stroke: '#3d4451', grid: { stroke: '#e4e7ec' } },
        { stroke: '#3d4451', grid: { stroke: '#e4e7ec' }, size: 64, values: (_u, values) => values.map(v => format(v)) },
      ],
      cursor: { drag: { x: false, y: false } },
    };
    const plot = new uPlot(options, [x, ...series.map(s => s.values)], element);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 240), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
    // The key stands for x and series: a new array of the same values draws nothing new.
  }, [key]);
  const latest = series.map(s => `${s.label}: ${format(s.values.reduce((a, b) => a + b, 0))} in total`).join('; ');
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={box} class="chart-plot" role="img" aria-label={`${title}. ${latest}.`} />
    </figure>
  );
}
