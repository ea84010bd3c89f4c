// Remote commands (JSON command topic, Sparkplug NCMD/DCMD): pure parsing, naming and signing.
export * from './command-payload.js';
export * from './command-signature.js';
export * from './command-timestamp.js';
export * from './command-topic.js';
export { checkNumberToken, parseFlatJsonObject, type FlatObject, type JsonScalar } from './flat-json.js';
export * from './malformed.js';
