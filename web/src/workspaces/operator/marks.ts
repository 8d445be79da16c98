import { useEffect } from 'react';

/** Performance marks the screen sets, read by bench/operator-screen.ts through the Performance API. */
export const MARKS = {
  /** The form is usable and the category and organisation trees are loaded. */
  ready: 'op:ready',
  /** Category type-to-search results are on screen. */
  categoryResults: 'op:category-results',
  /** Knowledge suggestions (or search results) for the latest text are on screen. */
  knowledgeResults: 'op:kb-results',
} as const;

/**
 * Sets `name` on the frame after `trigger` changes (once the results are painted). The previous
 * mark of that name is cleared first, so a day of typing does not fill the browser's buffer;
 * a PerformanceObserver still sees every one.
 */
export function useMarkAfterPaint(name: string, trigger: unknown, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const frame = requestAnimationFrame(() => {
      performance.clearMarks(name);
      performance.mark(name);
    });
    return () => cancelAnimationFrame(frame);
  }, [name, trigger, enabled]);
}
