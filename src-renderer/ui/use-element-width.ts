// Width of an element in CSS pixels, tracked with a ResizeObserver.
import { useEffect, useState, type RefObject } from 'react';

export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback = 1000): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (w: number) => setWidth((prev) => (w > 0 && Math.abs(w - prev) >= 1 ? Math.round(w) : prev));
    update(el.clientWidth);
    const ro = new ResizeObserver((entries) => update(entries[0]?.contentRect.width ?? 0));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
