/**
 * The extra ECharts parts the dashboard draws (bars on a grid, with a legend), registered on the
 * shared tree-shaken instance only when the dashboard loads, so other pages do not carry them.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { echarts } from '../../lib/echarts.ts';

echarts.use([BarChart, GridComponent, LegendComponent]);

export { echarts };
