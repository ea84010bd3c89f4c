// HyperCat 3.0 catalogue building and search: pure functions over tag definitions.
export * from './catalogue.js';
export * from './rels.js';
export * from './search.js';
