// The big screen is laid out for 1920×1080 and scales up from there as a whole: a 4K TV (3840×2160) shows the
// same layout at 2× (type, charts, spacing), filling the screen instead of a 1080p layout in its top-left
// quarter. Below 1080p the responsive CSS takes over (scale 1). Sizing rule: docs/DESIGN.md "Reading distance".
import { useEffect, useState } from 'react';

export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

/** How much the viewport exceeds the design size on its tighter side; never below 1. */
export function scaleFor(width: number, height: number): number {
  return Math.max(1, Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT));
}

let current = 1;
/** The scale the big screen is drawn at now (charts draw their canvas at this many more pixels). */
export const screenScale = () => current;

const read = () => (typeof window === 'undefined' ? 1 : scaleFor(window.innerWidth, window.innerHeight));

export function useScreenScale(): number {
  const [scale, setScale] = useState(read);
  useEffect(() => {
    const onResize = () => setScale(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  current = scale;
  return scale;
}
