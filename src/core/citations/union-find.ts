/**
 * Disjoint sets over 0..n−1 (union–find with path compression), for transitive merging of
 * duplicate links: if A matches B and B matches C, all three are one group.
 * Example: const sets = new UnionFind(3); sets.union(0, 1); sets.find(1) === 0
 */
export class UnionFind {
  private readonly parent: Int32Array
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i)
  }
  find(i: number): number {
    let root = i
    while (this.parent[root] !== root) root = this.parent[root] ?? root
    for (let node = i; this.parent[node] !== root; ) {
      const next = this.parent[node] ?? root
      this.parent[node] = root
      node = next
    }
    return root
  }
  /** Joins the sets of a and b; returns [kept root, absorbed root], or null when already joined. */
  union(a: number, b: number): [number, number] | null {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return null
    const [kept, absorbed] = ra < rb ? [ra, rb] : [rb, ra]
    this.parent[absorbed] = kept
    return [kept, absorbed]
  }
}
