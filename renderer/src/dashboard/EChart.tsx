// A thin React wrapper around ECharts: created on mount, option updates applied, resized with
// its box, disposed on unmount. ECharts is loaded only by pages that draw charts.
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

type Echarts = typeof import('echarts/core');
let lib: Promise<Echarts> | undefined;

const loadEcharts = (): Promise<Echarts> => (lib ??= import('./echarts-setup').then((m) => m.echarts));

const FONT = '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif';

export function EChart({ option, height = 300, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<Echarts['init']>>();
  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    loadEcharts().then((echarts) => {
      if (disposed || !box.current) return;
      chart.current = echarts.init(box.current, undefined, { renderer: 'canvas' });
      chart.current.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
    });
    return () => { disposed = true; observer?.disconnect(); chart.current?.dispose(); chart.current = undefined; };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { chart.current?.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option }, true); }, [option]);
  return <div ref={box} className="echart" style={{ height }} role="img" aria-label={label} />;
}
