// An ECharts chart in a div: created on mount, given the new option on change, resized with its box,
// disposed on unmount. (echarts-for-react 3.0.6 requires tslib without declaring it, so the bundle cannot
// resolve it; this is the few lines of it the workbench needs.) Callers register the chart types they use
// with echarts.use(), which keeps the bundle to those parts.
import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';

export function EChart({ option, style, ariaLabel }: { option: echarts.EChartsCoreOption; style?: CSSProperties; ariaLabel?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={style} role="img" aria-label={ariaLabel} />;
}
