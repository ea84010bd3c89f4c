// The JSON command topic: `<prefix>/<site>/<area>/<asset>/<tag>/set` names the tag `site/area/asset/tag`.
// Every level, the prefix's included, must follow the tag path rules; anything else is refused before a
// single byte of the payload is looked at.
import { TAG_PATH_SEPARATOR, isValidTagLevel } from '../tags.js';
import { FORBIDDEN_NAMES, excerpt, malformed, type Malformed } from './malformed.js';

export const COMMAND_TOPIC_SUFFIX = 'set';
/** Tag id levels: site, area, asset, name. */
const TAG_LEVELS = 4;
/** Far above any real topic (prefix + 4 levels of ≤ 64 characters), far below MQTT's 64 KiB. */
export const MAX_COMMAND_TOPIC_LENGTH = 1024;

export type CommandTopic = { ok: true; tag: string } | Malformed;

/** The subscription filter that delivers every command topic under `prefix`. */
export function commandTopicFilter(prefix: string): string {
  return [prefix, ...Array<string>(TAG_LEVELS).fill('+'), COMMAND_TOPIC_SUFFIX].join(TAG_PATH_SEPARATOR);
}

/** The command topic of a tag (what a sender publishes to). */
export function commandTopicFor(prefix: string, tagId: string): string {
  return `${prefix}${TAG_PATH_SEPARATOR}${tagId}${TAG_PATH_SEPARATOR}${COMMAND_TOPIC_SUFFIX}`;
}

function checkLevels(levels: readonly string[], where: string): Malformed | null {
  for (const level of levels) {
    if (level === '') return malformed('topic-empty-level', `empty level in the ${where}`);
    if (FORBIDDEN_NAMES.has(level)) return malformed('topic-forbidden-level', `level ${excerpt(level)} is not allowed in the ${where}`);
    if (!isValidTagLevel(level)) {
      return malformed('topic-bad-level', `level ${excerpt(level)} in the ${where} is not 1–64 of A–Z a–z 0–9 _ . -`);
    }
  }
  return null;
}

/** Parses a command topic under `prefix` (which may have several levels) into a tag id, or says why it is malformed. */
export function parseCommandTopic(topic: string, prefix: string): CommandTopic {
  if (topic.length > MAX_COMMAND_TOPIC_LENGTH) return malformed('topic-too-long', `${topic.length} characters`);
  if (topic.includes('\u0000')) return malformed('topic-nul', 'topic contains NUL');
  if (/[+#]/.test(topic)) return malformed('topic-wildcard', `wildcard in topic ${excerpt(topic, 64)}`);
  const levels = topic.split(TAG_PATH_SEPARATOR);
  const prefixLevels = prefix.split(TAG_PATH_SEPARATOR);
  const prefixProblem = checkLevels(prefixLevels, 'configured prefix');
  if (prefixProblem) return prefixProblem;
  const emptyProblem = levels.includes('') ? malformed('topic-empty-level', `empty level in topic ${excerpt(topic, 64)}`) : null;
  if (emptyProblem) return emptyProblem;
  if (levels.length < prefixLevels.length || prefixLevels.some((p, i) => levels[i] !== p)) {
    return malformed('topic-prefix', `topic ${excerpt(topic, 64)} is not under ${excerpt(prefix, 64)}`);
  }
  const rest = levels.slice(prefixLevels.length);
  if (rest.length !== TAG_LEVELS + 1 || rest[TAG_LEVELS] !== COMMAND_TOPIC_SUFFIX) {
    return malformed('topic-shape', `expected <prefix>/<site>/<area>/<asset>/<tag>/set, got ${excerpt(topic, 64)}`);
  }
  const tagLevels = rest.slice(0, TAG_LEVELS);
  const levelProblem = checkLevels(tagLevels, 'tag path');
  if (levelProblem) return levelProblem;
  return { ok: true, tag: tagLevels.join(TAG_PATH_SEPARATOR) };
}

/** Whether a tag id is a well-formed `site/area/asset/name` path (for names other transports map to tags). */
export function checkTagId(tagId: string): Malformed | null {
  if (tagId.length > MAX_COMMAND_TOPIC_LENGTH) return malformed('bad-tag-name', `${tagId.length} characters`);
  const levels = tagId.split(TAG_PATH_SEPARATOR);
  if (levels.length !== TAG_LEVELS) return malformed('bad-tag-name', `${excerpt(tagId, 64)} is not site/area/asset/name`);
  const problem = checkLevels(levels, 'tag path');
  return problem ? malformed('bad-tag-name', problem.detail) : null;
}
