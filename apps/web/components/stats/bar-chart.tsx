'use client';

import 'chartist/dist/index.css';
import './bar-chart.css';
import { BarChart } from 'chartist';
import { useEffect, useRef } from 'react';

/**
 * Chartist's SVG bar chart with each value written on its bar (readable without colour). Loaded
 * on its own chunk after the page (next/dynamic), so the stats view's first load stays small.
 */
export default function BarChartView({
  labels,
  values,
  horizontal = false,
  labelEvery = 1,
}: {
  labels: string[];
  values: number[];
  horizontal?: boolean;
  /** Show every n-th axis label (30 days do not fit side by side). */
  labelEvery?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    // Horizontal bars draw the first row at the bottom: reversed, they read top to bottom.
    const shownLabels = horizontal ? [...labels].reverse() : labels;
    const shownValues = horizontal ? [...values].reverse() : values;
    const chart = new BarChart(
      box.current,
      { labels: shownLabels, series: [shownValues] },
      {
        horizontalBars: horizontal,
        height: horizontal ? `${Math.max(120, labels.length * 36)}px` : '220px',
        chartPadding: { top: 20, right: 24, bottom: 4, left: 4 },
        axisX: horizontal
          ? { onlyInteger: true }
          : { labelInterpolationFnc: (label, index) => (index % labelEvery ? null : label) },
        axisY: horizontal ? { offset: 110 } : { onlyInteger: true },
      },
    );
    chart.on('draw', (data) => {
      if (data.type !== 'bar') return;
      const value = shownValues[data.index] ?? 0;
      if (!value) return;
      data.group
        .elem(
          'text',
          horizontal
            ? { x: data.x2 + 4, y: data.y2 + 4, 'text-anchor': 'start' }
            : { x: data.x2, y: data.y2 - 4, 'text-anchor': 'middle' },
          'ct-bar-value',
        )
        .text(String(value));
    });
    return () => {
      chart.detach();
    };
  }, [labels, values, horizontal, labelEvery]);
  // Thirty bars side by side need thinner strokes than three.
  const dense = labels.length > 15 ? 'ct-dense' : undefined;
  return <div ref={box} aria-hidden="true" className={dense} data-testid="bar-chart" />;
}
