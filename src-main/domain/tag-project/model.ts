// The tag section of a project as the import/export code sees it (sources[].groups/tags + tagSettings), the
// imported rows, and the row/column errors: shared by every format's parser and serializer.
import type { AlarmLimits } from '../../contract/index.js';
import type { Deadband } from '../tags.js';

export type TagFormat = 'plantbridge' | 'csv' | 'opcpublisher' | 'kepware';
export const TAG_FORMATS: readonly TagFormat[] = ['plantbridge', 'csv', 'opcpublisher', 'kepware'];

export interface GroupSpec {
  name: string;
  samplingIntervalMs: number;
  publishingIntervalMs: number;
  queueSize: number;
  deadband: Deadband | null;
}

export interface SourceTagSpec {
  id: string;
  nodeId: string;
  group: string;
}

export interface SourceSection {
  id: string;
  endpointUrl: string;
  securityMode: 'None' | 'Sign' | 'SignAndEncrypt';
  groups: GroupSpec[];
  tags: SourceTagSpec[];
}

export interface TagSettingsSpec {
  writable?: boolean | undefined;
  remoteWrite?: boolean | undefined;
  /** Published on the uplinks (MQTT JSON, Sparkplug, CoAP …); absent means on. */
  uplink?: boolean | undefined;
  alarms?: AlarmLimits | null | undefined;
  deadband?: Deadband | null | undefined;
  unit?: string | undefined;
  description?: string | undefined;
}

export interface TagSection {
  sources: SourceSection[];
  tagSettings: Record<string, TagSettingsSpec>;
}

/** The limit columns of a CSV row: a number sets the level, null clears it; the tag's other alarm settings stay. */
export interface LimitPatch {
  HH?: number | null;
  H?: number | null;
  L?: number | null;
  LL?: number | null;
  priority?: number | null;
}

/** What a row says about a tag's settings: a value sets, null clears, an absent key leaves the project's value. */
export interface SettingsPatch {
  writable?: boolean | null;
  remoteWrite?: boolean | null;
  uplink?: boolean | null;
  deadband?: Deadband | null;
  unit?: string | null;
  description?: string | null;
  /** The whole alarm configuration (PlantBridge JSON). */
  alarms?: AlarmLimits | null;
  /** Only the HH/H/L/LL/priority columns (CSV). */
  limits?: LimitPatch;
}

/** Where a field of a row came from, for error messages: CSV column number and header, or a JSON path. */
export interface FieldPlace {
  column: number;
  header: string;
}

export interface ImportedTag {
  /** Spreadsheet row (the header is row 1) or, for JSON formats, the 1-based position of the tag in the file. */
  row: number;
  id: string;
  source: string;
  nodeId: string;
  group?: string;
  samplingMs?: number;
  publishingMs?: number;
  settings: SettingsPatch;
  /** Field name → where it was read (for errors found later, e.g. a group/sampling conflict). */
  places: Record<string, FieldPlace>;
}

/** A connection the file names that the project does not have yet (OPC Publisher's EndpointUrl). */
export interface NewConnection {
  id: string;
  endpointUrl: string;
  securityMode: 'None' | 'SignAndEncrypt';
}

export interface RowError {
  row: number;
  /** 1-based column; 0 when the format has no columns (JSON: `header` is then the JSON path). */
  column: number;
  header: string;
  message: string;
}

export interface ParsedImport {
  tags: ImportedTag[];
  /** Groups the file defines itself (PlantBridge JSON), per source. */
  groups: { source: string; group: GroupSpec }[];
  connections: NewConnection[];
  errors: RowError[];
  warnings: string[];
}

/** Parameters of an import that the file itself does not carry. */
export interface ImportParams {
  /** The connection the tags belong to when the file does not say (CSV without `source`, Kepware). */
  source?: string | undefined;
  site?: string | undefined;
  area?: string | undefined;
  /** Kepware: channel and device, so node ids become `ns=2;s=<channel>.<device>.<tag name>`. */
  channel?: string | undefined;
  device?: string | undefined;
  /** Kepware: the node-id prefix in full (wins over channel/device), e.g. `ns=2;s=Channel1.PLC1.`. */
  nodeIdPrefix?: string | undefined;
}

export function emptyParsed(): ParsedImport {
  return { tags: [], groups: [], connections: [], errors: [], warnings: [] };
}

export const DEFAULT_GROUP = 'default';
export const DEFAULT_SAMPLING_MS = 250;
export const DEFAULT_PUBLISHING_MS = 500;

/** A group made for a sampling interval a file asks for: `sampling-1000ms` (and `-publish-5000ms` when given). */
export function groupNameFor(samplingMs: number, publishingMs?: number): string {
  return publishingMs === undefined ? `sampling-${samplingMs}ms` : `sampling-${samplingMs}ms-publish-${publishingMs}ms`;
}
