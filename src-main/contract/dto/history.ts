// Historian query results and the text files requests produce (the journal's CSV export).

export type HistoryMode = 'avg' | 'lttb' | 'raw';

/** Columnar series: charts get plain arrays, never a row object per point. */
export interface HistorySeries {
  tag: string;
  mode: HistoryMode;
  from: number;
  to: number;
  /** Number of stored samples in the range before downsampling. */
  rawCount: number;
  t: number[];
  v: (number | null)[];
  /** Per-bucket minimum and maximum (mode `avg` only), so spikes stay visible after downsampling. */
  min?: (number | null)[];
  max?: (number | null)[];
}

/**
 * A file a request produces (the journal's CSV export). Over HTTP it is sent as a download with its own
 * Content-Type and Content-Disposition; over IPC and WebSocket it arrives as this object for the UI to save.
 */
export interface TextFileDto {
  kind: 'text-file';
  contentType: string;
  filename: string;
  body: string;
}
