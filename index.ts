// Every node and credential this package ships; n8n itself loads them from package.json's `n8n` section.
// `.js`: under tsx, "Atlas.node" would resolve to the codex file Atlas.node.json
export { AtlasActionApi } from './credentials/AtlasActionApi.credentials.js';
export { AtlasApi } from './credentials/AtlasApi.credentials.js';
export { Atlas } from './nodes/Atlas/Atlas.node.js';
export { AtlasActionTrigger } from './nodes/AtlasActionTrigger/AtlasActionTrigger.node.js';
export { AtlasTrigger } from './nodes/AtlasTrigger/AtlasTrigger.node.js';
