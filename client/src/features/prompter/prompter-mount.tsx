// The DOM-only prompter inside the React app, for a host screen the React app opened (the light start in
// main.tsx is the usual way in).
import { useEffect, useRef } from 'react';
import { mountPrompterView } from './prompter-view.ts';

export function PrompterMount() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => (ref.current ? mountPrompterView(ref.current) : undefined), []);
  return <div ref={ref} />;
}
