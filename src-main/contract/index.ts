export * from './dto.js';
export * from './events.js';
export * from './requests.js';
