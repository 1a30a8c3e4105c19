// One measurement of benchmark 4, in a fresh process (cold require cache, like an n8n boot):
//   node bench/lib/load-child.cjs <n8nInstallDir> <packageDir>
// Does what n8n's LoadNodesAndCredentials does before loading community packages (NODE_PATH set
// to n8n's own module paths, so a package can require what n8n ships, e.g. zod), loads n8n-core
// and zod first (n8n has both loaded long before it reaches the nodes folder), then times
// `new LazyPackageDirectoryLoader(dir)` + `loadAll()`, the loader n8n runs for every package in
// <userFolder>/.n8n/nodes/node_modules. Prints {"ms": ..., "nodes": n, "credentials": n}.
const Module = require('node:module');
const path = require('node:path');

const [installDir, packageDir] = process.argv.slice(2);
const n8nDist = path.join(installDir, 'node_modules', 'n8n', 'dist');
const paths = Module._nodeModulePaths(n8nDist);
process.env.NODE_PATH = [paths.join(path.delimiter), process.env.NODE_PATH]
	.filter(Boolean)
	.join(path.delimiter);
Module._initPaths();

const requireFromN8n = Module.createRequire(path.join(n8nDist, 'index.js'));
const core = requireFromN8n('n8n-core');
requireFromN8n('zod');

(async () => {
	const t = process.hrtime.bigint();
	const loader = new core.LazyPackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const ms = Number(process.hrtime.bigint() - t) / 1e6;
	const nodes = Object.keys(loader.known.nodes).length;
	const credentials = Object.keys(loader.known.credentials).length;
	process.stdout.write(JSON.stringify({ ms, nodes, credentials }) + '\n');
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
