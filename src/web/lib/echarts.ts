/**
 * ECharts, tree-shaken to what Simpul draws: maps from GeoJSON and a treemap fallback,
 * rendered on canvas. Import charts from here, never from 'echarts' (the full bundle).
 */
import { MapChart, TreemapChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([MapChart, TreemapChart, TooltipComponent, LabelLayout, CanvasRenderer]);

export type { ECElementEvent, EChartsCoreOption, EChartsType } from 'echarts/core';
export { echarts };

/** Escapes text placed into an ECharts HTML tooltip (names come from data). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
