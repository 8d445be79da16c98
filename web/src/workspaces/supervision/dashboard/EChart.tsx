import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the charts the dashboard draws, on canvas; this chunk loads with the dashboard tab.
echarts.use([
  LineChart,
  BarChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };

export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesIndex?: number;
}

/**
 * One ECharts chart in a box: the option is set whole on each change (no stale series), a click
 * on a bar, point or region is passed on. The box is an image for assistive technology; every
 * chart has a keyboard alternative beside it (a table or a select).
 */
export function EChart({
  option,
  onClick,
  label,
  className,
}: {
  option: echarts.EChartsCoreOption;
  onClick?: (params: ChartClick) => void;
  label: string;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    instance.on('click', (params) =>
      clickRef.current?.({
        name: String(params.name),
        dataIndex: params.dataIndex,
        seriesIndex: params.seriesIndex,
      }),
    );
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      className={`svd-chart ${className ?? ''}`}
      role="img"
      aria-label={label}
      data-testid={className}
    />
  );
}
