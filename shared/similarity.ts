/** Pure text similarity for metric names, shared by the proposals service and the region page. */

function bigrams(s: string): string[] {
  const t = s.replace(/[\s，、。（）()“”"]/g, '');
  if (t.length < 2) return [t];
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
}

/**
 * How alike two metric names are: the Dice coefficient of their character pairs, the usual measure
 * for short Chinese strings, which have no spaces to split words on. One name inside the other
 * (5G基站数 in 5G基站总数) counts as alike.
 */
export function metricSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a.includes(b) || b.includes(a)) return Math.max(0.8, Math.min(a.length, b.length) / Math.max(a.length, b.length));
  const x = bigrams(a);
  const y = new Map<string, number>();
  for (const g of bigrams(b)) y.set(g, (y.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const n = y.get(g) ?? 0;
    if (n > 0) {
      common++;
      y.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + bigrams(b).length);
}
