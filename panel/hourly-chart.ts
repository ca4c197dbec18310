/**
 * A small bar chart of conversations handled per hour today, drawn as SVG (bar heights are
 * SVG attributes, not inline styles, so the panel's strict CSP holds). The server counts
 * in UTC hours; each bar is labelled with the agent's local time of that hour.
 */
import { svg } from "lit";

const WIDTH = 480;
const HEIGHT = 140;
const AXIS = 18;
const TOP = 14;

/** `byHour[i]`: conversations closed in UTC hour i of the UTC day that began at `dayStart`. */
export function renderHourlyChart(byHour: readonly number[], dayStart: number, now: number) {
  const max = Math.max(1, ...byHour);
  const slot = WIDTH / byHour.length;
  const barWidth = slot * 0.7;
  const currentHour = Math.floor((now - dayStart) / 3_600_000);
  const hourLabel = (index: number): string =>
    String(new Date(dayStart + index * 3_600_000).getHours()).padStart(2, "0");
  return svg`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" data-testid="hourly-chart"
      aria-label="Conversations handled per hour today: ${byHour.reduce((a, b) => a + b, 0)} in all, at most ${max} in one hour">
    <line class="axis" x1="0" x2=${WIDTH} y1=${HEIGHT - AXIS} y2=${HEIGHT - AXIS}></line>
    ${byHour.map((count, index) => {
      const height = ((HEIGHT - AXIS - TOP) * count) / max;
      const x = index * slot + (slot - barWidth) / 2;
      const y = HEIGHT - AXIS - height;
      return svg`<g>
        <title>${hourLabel(index)}:00 · ${count} handled</title>
        <rect class="bar ${index === currentHour ? "now" : ""}" x=${x} y=${count > 0 ? y : HEIGHT - AXIS - 1} width=${barWidth} height=${count > 0 ? height : 1} rx="2"></rect>
        ${count > 0 ? svg`<text class="value" x=${x + barWidth / 2} y=${y - 3} text-anchor="middle">${count}</text>` : null}
        ${index % 3 === 0 ? svg`<text class="label" x=${x + barWidth / 2} y=${HEIGHT - 4} text-anchor="middle">${hourLabel(index)}</text>` : null}
      </g>`;
    })}
  </svg>`;
}
