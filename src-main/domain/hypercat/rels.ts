// HyperCat 3.0 (BSI PAS 212) relation names used by PlantBridge's catalogue: the standard ones and our own.
export const HC = {
  contentType: 'urn:X-hypercat:rels:isContentType',
  description: 'urn:X-hypercat:rels:hasDescription:en',
  supportsSearch: 'urn:X-hypercat:rels:supportsSearch',
  supportsPaging: 'urn:X-hypercat:rels:supportsPaging',
  pagingOffset: 'urn:X-hypercat:rels:pagingOffset',
  pagingItemLimit: 'urn:X-hypercat:rels:pagingItemLimit',
  pagingNumFound: 'urn:X-hypercat:rels:pagingNumFound',
  searchSimple: 'urn:X-hypercat:search:simple',
  searchPrefix: 'urn:X-hypercat:search:prefix',
} as const;

/** PlantBridge's own relations (HyperCat allows any URI as a rel). */
export const PB = {
  tagId: 'urn:X-plantbridge:rels:tagId',
  unit: 'urn:X-plantbridge:rels:unit',
  nodeId: 'urn:X-plantbridge:rels:opcuaNodeId',
  sourceId: 'urn:X-plantbridge:rels:sourceId',
  site: 'urn:X-plantbridge:rels:site',
  area: 'urn:X-plantbridge:rels:area',
  asset: 'urn:X-plantbridge:rels:asset',
  dataType: 'urn:X-plantbridge:rels:dataType',
  writable: 'urn:X-plantbridge:rels:writable',
  mqttStream: 'urn:X-plantbridge:rels:hasMqttStream',
  coapStream: 'urn:X-plantbridge:rels:hasCoapStream',
  nextPage: 'urn:X-plantbridge:rels:nextPage',
} as const;

export const CATALOGUE_CONTENT_TYPE = 'application/vnd.hypercat.catalogue+json';
