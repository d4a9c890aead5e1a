import { Box, type BoxProps } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { type ECElementEvent, type EChartsCoreOption, type EChartsType, echarts } from './echarts.ts';

type EChartProps = BoxProps & {
  option: EChartsCoreOption;
  /** Called with the clicked data item (region, treemap node…). */
  onItemClick?: (event: ECElementEvent) => void;
  /** Accessible description of the whole picture; the chart itself is exposed as one image. */
  ariaLabel: string;
  testId?: string;
};

/**
 * A thin React wrapper around one ECharts instance: created once, given each new option in full
 * (notMerge, so a region from the previous area never lingers), resized with its container.
 */
export function EChart({ option, onItemClick, ariaLabel, testId, ...boxProps }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => clickRef.current?.(event as ECElementEvent));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <Box role="img" aria-label={ariaLabel} data-testid={testId} {...boxProps}>
      <div ref={containerRef} style={{ width: '100%', height: '100%' }} />
    </Box>
  );
}
