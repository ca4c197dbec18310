/**
 * A small bar chart of a figure per hour today (conversations handled, or the mean CSAT
 * rating), drawn as SVG (bar heights are SVG attributes, not inline styles, so the panel's
 * strict CSP holds). The server counts in UTC hours; each bar is labelled with the agent's
 * local time of that hour.
 */
import { svg } from "lit";

const WIDTH = 480;
const HEIGHT = 140;
const AXIS = 18;
const TOP = 14;

/** What one chart shows: its test id, the top of its scale, and how a bar and the whole are said. */
export interface HourlyChartKind {
  testId: string;
  /** The scale's top; the largest value when left out. */
  max?: number;
  value(count: number): string;
  summary(byHour: readonly (number | null)[], max: number): string;
}

const handledKind: HourlyChartKind = {
  testId: "hourly-chart",
  value: (count) => `${count} handled`,
  summary: (byHour, max) =>
    `Conversations handled per hour today: ${byHour.reduce<number>((a, b) => a + (b ?? 0), 0)} in all, at most ${max} in one hour`,
};

/** `byHour[i]`: the figure of UTC hour i of the UTC day that began at `dayStart`; null: none that hour. */
export function renderHourlyChart(
  byHour: readonly (number | null)[],
  dayStart: number,
  now: number,
  kind: HourlyChartKind = handledKind,
) {
  const max = kind.max ?? Math.max(1, ...byHour.map((value) => value ?? 0));
  const slot = WIDTH / byHour.length;
  const barWidth = slot * 0.7;
  const currentHour = Math.floor((now - dayStart) / 3_600_000);
  const hourLabel = (index: number): string =>
    String(new Date(dayStart + index * 3_600_000).getHours()).padStart(2, "0");
  return svg`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" data-testid=${kind.testId}
      aria-label=${kind.summary(byHour, max)}>
    <line class="axis" x1="0" x2=${WIDTH} y1=${HEIGHT - AXIS} y2=${HEIGHT - AXIS}></line>
    ${byHour.map((value, index) => {
      const count = value ?? 0;
      const height = ((HEIGHT - AXIS - TOP) * count) / max;
      const x = index * slot + (slot - barWidth) / 2;
      const y = HEIGHT - AXIS - height;
      return svg`<g>
        <title>${hourLabel(index)}:00 · ${value === null ? "none" : kind.value(count)}</title>
        <rect class="bar ${index === currentHour ? "now" : ""}" x=${x} y=${count > 0 ? y : HEIGHT - AXIS - 1} width=${barWidth} height=${count > 0 ? height : 1} rx="2"></rect>
        ${count > 0 ? svg`<text class="value" x=${x + barWidth / 2} y=${y - 3} text-anchor="middle">${Number.isInteger(count) ? count : count.toFixed(1)}</text>` : null}
        ${index % 3 === 0 ? svg`<text class="label" x=${x + barWidth / 2} y=${HEIGHT - 4} text-anchor="middle">${hourLabel(index)}</text>` : null}
      </g>`;
    })}
  </svg>`;
}
