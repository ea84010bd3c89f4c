// Sample retention in small steps: each DELETE removes at most `chunkRows` rows of one tag, in its own short
// transaction, so the ingest flush is never locked out for long. The alarm journal and the audit are never pruned.
import type { Db } from './sqlite-db.js';
import type { SerialLock } from './serial-lock.js';

export const DAY_MS = 86_400_000;

export async function deleteOldSamples(
  db: Db,
  lock: SerialLock,
  cutoff: number,
  chunkRows = 10_000,
): Promise<number> {
  const tags = await db.all<{ id: number }>('SELECT id FROM tags ORDER BY id');
  let removed = 0;
  for (const { id } of tags) {
    for (;;) {
      const changes = await lock.run(async () => {
        // The ts of the chunkRows-th old row bounds this step; without one, the rest fits in a single step.
        const edge = await db.get<{ ts: number }>(
          'SELECT ts FROM samples WHERE tag_id = ? AND ts < ? ORDER BY ts LIMIT 1 OFFSET ?',
          [id, cutoff, chunkRows - 1],
        );
        const info = edge
          ? await db.run('DELETE FROM samples WHERE tag_id = ? AND ts <= ?', [id, edge.ts])
          : await db.run('DELETE FROM samples WHERE tag_id = ? AND ts < ?', [id, cutoff]);
        return { changes: info.changes, more: edge !== undefined };
      });
      removed += changes.changes;
      if (!changes.more) break;
    }
  }
  return removed;
}
