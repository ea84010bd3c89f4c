// The version shown in the UI, /api/health and `plantbridge --version` (kept equal to package.json by a unit test).
export const PLANTBRIDGE_VERSION = '0.1.0';
