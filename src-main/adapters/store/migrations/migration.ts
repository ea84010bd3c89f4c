/** One schema step. Migrations are append-only: never edit a released one, add the next number instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
