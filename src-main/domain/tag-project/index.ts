// Tag project import/export: one entry point per direction over the four formats (PlantBridge JSON, PlantBridge
// CSV, OPC Publisher publishednodes.json, Kepware CSV). Pure: text in, plan or text out.
import { parseTagCsv, writeTagCsv } from './csv-format.js';
import { parseTagJson, writeTagJson, type SettingsNormalizer } from './json-format.js';
import { parseKepwareCsv, writeKepwareCsv } from './kepware.js';
import type { ImportParams, ParsedImport, TagFormat, TagSection, TagSettingsSpec } from './model.js';
import { parsePublishedNodes, writePublishedNodes } from './opc-publisher.js';
import type { ImportSteps } from './steps.js';

export * from './model.js';
export { planImport, type ImportMode, type ImportPlan, type PlanItem } from './import-plan.js';
export { runSteps, type ImportProgress, type ImportSteps } from './steps.js';
export type { SettingsNormalizer } from './json-format.js';

export function parseTags(
  format: TagFormat,
  text: string,
  params: ImportParams,
  section: TagSection,
  normalize: SettingsNormalizer,
): ImportSteps<ParsedImport> {
  switch (format) {
    case 'plantbridge':
      return parseTagJson(text, section, normalize);
    case 'csv':
      return parseTagCsv(text, params, section);
    case 'opcpublisher':
      return parsePublishedNodes(text, params, section);
    case 'kepware':
      return parseKepwareCsv(text, params, section);
  }
}

export interface ExportedText {
  body: string;
  contentType: string;
  extension: string;
}

export function exportTags(
  format: TagFormat,
  section: TagSection,
  params: ImportParams,
  fileForm: (s: TagSettingsSpec) => unknown,
): ExportedText {
  switch (format) {
    case 'plantbridge':
      return { body: writeTagJson(section, fileForm, params.source), contentType: 'application/json; charset=utf-8', extension: 'json' };
    case 'csv':
      return { body: writeTagCsv(section, params.source), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'opcpublisher':
      return { body: writePublishedNodes(section, params.source), contentType: 'application/json; charset=utf-8', extension: 'json' };
    case 'kepware':
      return { body: writeKepwareCsv(section, params), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
  }
}
