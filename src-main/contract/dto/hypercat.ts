// HyperCat 3.0 catalogue of the bridged tags and the current-value document each item links to.
import type { TagSample } from './tags.js';

/** HyperCat 3.0 (PAS 212) metadata pair: every `val` is a string. */
export interface HypercatRelVal {
  rel: string;
  val: string;
}

export interface HypercatItem {
  href: string;
  'item-metadata': HypercatRelVal[];
}

/** `GET /cat` (alias of `/api/cat`): the HyperCat 3.0 catalogue of every bridged tag. */
export interface HypercatCatalogue {
  'catalogue-metadata': HypercatRelVal[];
  items: HypercatItem[];
}

/** `GET /api/tags/value?tag=`: a tag's current value (the href of its HyperCat item); `sample` null before the first. */
export interface TagValueDto {
  tag: string;
  unit: string;
  sample: TagSample | null;
}
