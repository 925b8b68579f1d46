/** Points and reasons gathered for each page. */
export class Evidence {
  private readonly totals = new Map<number, number>();
  private readonly reasons = new Map<number, { points: number; reason: string }[]>();

  add(page: number, points: number, reason: string): void {
    if (!(points > 0)) return;
    this.totals.set(page, (this.totals.get(page) ?? 0) + points);
    const list = this.reasons.get(page) ?? [];
    list.push({ points, reason });
    this.reasons.set(page, list);
  }

  total(page: number): number {
    return this.totals.get(page) ?? 0;
  }

  pages(): number[] {
    return [...this.totals.keys()];
  }

  /** Reasons, strongest first (in the order they came for equal points). */
  reasonsOf(page: number): string[] {
    const list = (this.reasons.get(page) ?? []).map((r, i) => ({ ...r, i }));
    return list.sort((a, b) => b.points - a.points || a.i - b.i).map((r) => r.reason);
  }
}

/** Many small matches add up, but no kind of signal grows without bound: `cap · (1 − e^(−x/cap))`. */
export const saturate = (x: number, cap: number): number => cap * (1 - Math.exp(-x / cap));
