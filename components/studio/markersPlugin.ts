import uPlot from 'uplot';
import type { ChartMark } from '@/lib/studio/series';

/**
 * Vertical dashed lines with a short label where the stream changed (layers
 * sent, limitation reason). Marks arrive with every sample while the chart
 * lives on, so they are read from a ref at draw time instead of being baked
 * into the options (which would re-create the chart).
 */
export function markersPlugin(marks: { readonly current: readonly ChartMark[] }, color = '#e4e4e7'): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const list = marks.current;
        const { min, max } = u.scales.x;
        if (list.length === 0 || min === undefined || max === undefined) return;
        const px = uPlot.pxRatio;
        const { ctx, bbox } = u;
        ctx.save();
        ctx.beginPath();
        ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
        ctx.clip();
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        ctx.lineWidth = px;
        ctx.font = `${10 * px}px ui-sans-serif, system-ui, sans-serif`;
        // uPlot leaves its axis text settings on the context.
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        const lineHeight = 12 * px;
        // Marks at (nearly) the same time stack their labels instead of overprinting.
        let previousEnd = -Infinity;
        let row = 0;
        for (const mark of list) {
          if (mark.t < min || mark.t > max) continue;
          const x = Math.round(u.valToPos(mark.t, 'x', true)) + 0.5;
          ctx.setLineDash([4 * px, 3 * px]);
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          ctx.setLineDash([]);
          const width = ctx.measureText(mark.label).width;
          // Near the right edge the label goes on the left of its line.
          const flip = x + 3 * px + width > bbox.left + bbox.width;
          const start = flip ? x - 3 * px - width : x + 3 * px;
          row = start < previousEnd ? row + 1 : 0;
          previousEnd = start + width + 4 * px;
          ctx.fillText(mark.label, start, bbox.top + 2 * px + row * lineHeight);
        }
        ctx.restore();
      },
    },
  };
}
