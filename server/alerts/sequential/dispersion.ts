// How much more a count varies than Poisson noise would (quasi-Poisson dispersion φ): arrivals come in
// bursts (recommendation pushes, ads, a viewer's friends), so a 10-second slump that would be 5 σ for a
// Poisson count is ordinary traffic. Measured on 10-second blocks against the expected count, slowly, and
// never below 1; the sequential statistic divides its evidence by φ.
const BLOCK_S = 10;
const DECAY = 0.5 ** (1 / 60); // per block: a half-life of 10 minutes
const PRIOR_WEIGHT = 6;

export class Dispersion {
  private x = 0;
  private mu = 0;
  private n = 0;
  private sum = 0;
  private weight = 0;

  add(x: number, mu0: number): void {
    this.x += x;
    this.mu += mu0;
    if (++this.n < BLOCK_S) return;
    if (this.mu > 1) {
      this.sum = this.sum * DECAY + (this.x - this.mu) ** 2 / this.mu;
      this.weight = this.weight * DECAY + 1;
    }
    this.x = this.mu = this.n = 0;
  }

  /** φ, shrunk towards 1 while few blocks are seen. */
  get phi(): number {
    return Math.max(1, (this.sum + PRIOR_WEIGHT) / (this.weight + PRIOR_WEIGHT));
  }
}
