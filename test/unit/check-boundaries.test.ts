// The client's boundary check on tiny fake trees: a cross-feature import, a widget importing a feature and an
// import cycle are each reported with the offending import; a tree that keeps the rules passes.
import { describe, expect, it } from 'vitest';
import { checkBoundaries, importsOf } from '../helpers/check-boundaries.ts';

describe('client boundary check', () => {
  it('passes features that import only widgets, lib and stores', () => {
    const tree = {
      'features/a/screen.tsx': "import { X } from '../../widgets/x.tsx';\nimport { l } from '../../lib/l.ts';",
      'features/b/screen.tsx': "import { s } from '../../stores/s.ts';\nimport { T } from '../../../../shared/t.ts';",
      'widgets/x.tsx': "import { l } from '../lib/l.ts';",
      'lib/l.ts': "import { create } from 'zustand';",
      'stores/s.ts': '',
      'app.tsx': "const A = lazy(() => import('./features/a/screen.tsx'));",
    };
    expect(checkBoundaries(tree)).toEqual([]);
  });

  it('fails on a cross-feature import (static or lazy), a widget importing a feature and a cycle', () => {
    const tree = {
      'features/a/screen.tsx': "import { B } from '../b/part.tsx';",
      'features/b/part.tsx': "const A = () => import('../a/screen.tsx');",
      'features/b/other.ts': "export { y } from './part.tsx';",
      'widgets/x.tsx': "import type { Y } from '../features/b/part.tsx';",
      'lib/p.ts': "import { q } from './q.ts';",
      'lib/q.ts': "import { r } from './r.ts';",
      'lib/r.ts': "import { p } from './p.ts';",
    };
    const problems = checkBoundaries(tree);
    expect(problems.map((p) => p.kind).sort()).toEqual(['cross-feature', 'cross-feature', 'cycle', 'cycle', 'layer']);
    const texts = problems.map((p) => p.text);
    expect(texts).toContainEqual(expect.stringContaining('features/a/screen.tsx → features/b/part.tsx'));
    expect(texts).toContainEqual(expect.stringContaining('features/b/part.tsx → features/a/screen.tsx'));
    expect(texts).toContainEqual(expect.stringContaining('widgets/x.tsx → features/b/part.tsx'));
    expect(texts).toContain('lib/p.ts → lib/q.ts → lib/r.ts → lib/p.ts');
    expect(texts).toContain('features/a/screen.tsx → features/b/part.tsx → features/a/screen.tsx');
  });

  it('reads static, type-only, re-export and dynamic imports', () => {
    const src = [
      "import a from './a.ts';",
      "import type { B } from './b.ts';",
      "import './c.css';",
      "export * from './d.ts';",
      "const e = await import('./e.ts');",
      "import {\n  f,\n  g,\n} from './f.ts';",
    ].join('\n');
    expect(importsOf(src)).toEqual(['./a.ts', './b.ts', './c.css', './d.ts', './e.ts', './f.ts']);
  });
});
