// Long work in one request (an import) must not block other rooms' ticks and requests: it runs in slices
// and yields to the event loop whenever a slice has taken IMPORT_SLICE_MS.
import { IMPORT_SLICE_MS } from '../../shared/constants.ts';

export class Slicer {
  private last = performance.now();
  private n = 0;

  constructor(private readonly sliceMs = IMPORT_SLICE_MS) {}

  /** Call once per unit of work; yields now and then (the clock is read every 256 units). */
  async step(): Promise<void> {
    if ((++this.n & 255) !== 0 || performance.now() - this.last < this.sliceMs) return;
    await this.yield();
  }

  /** Yields when the current slice has taken its time (once per chunk of a streamed body). */
  async due(): Promise<void> {
    if (performance.now() - this.last >= this.sliceMs) await this.yield();
  }

  async yield(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
