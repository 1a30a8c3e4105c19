// Every node and credential this package ships; n8n itself loads them from package.json's `n8n` section.
export { AtlasApi } from './credentials/AtlasApi.credentials';
export { Atlas } from './nodes/Atlas/Atlas.node';
export { AtlasTrigger } from './nodes/AtlasTrigger/AtlasTrigger.node';
