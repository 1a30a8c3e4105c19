// ESLint flat config for n8n-nodes-atlas.
//
// 1. Everything n8n's community scanner (@n8n/scan-community-package) checks, taken from the
//    scanner itself (`buildScanConfig`), applied to the same files it scans in a checkout
//    (`SOURCE_FILE_PATTERNS`: package.json and nodes/ + credentials/).
// 2. Stricter explicit rules for the shipped sources (nodes/, credentials/, index.ts). The
//    scanner lets through any import of a devDependency (undici, n8n-core...), `require`,
//    `fetch`, `helpers.httpRequest` without `getCredentials`, and empty catches outside webhook
//    lifecycle methods; these rules do not.
// 3. The newest published n8n community lint rules (@n8n/eslint-plugin-community-nodes, the
//    version @n8n/node-cli ships), which may be ahead of the scanner's pinned copy, over the
//    same files. Registered under their own name so both versions can run side by side.
// 4. A light TypeScript lint for tests and tooling (test/, scripts/, config files), which may
//    use Node built-ins.
//
// `npm run lint` runs this with --max-warnings=0, so scanner warnings fail too.
import tseslint from 'typescript-eslint';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import { importScanner } from './scripts/import-scanner.mjs';

const { buildScanConfig, SOURCE_FILE_PATTERNS } = await importScanner('atlas-eslint-');

// Paths that are not part of the shipped package: scanner-only rules never apply there.
const NOT_SHIPPED = ['test/**', 'scripts/**', 'dist/**', 'node_modules/**'];

// The scanner's blocks without `files` (its recommended rules, no-console) apply to whatever it
// is pointed at; here they are pinned to the files the scanner looks at in a checkout.
const scannerBlocks = (await buildScanConfig()).map((block) => {
	const hasRules = block.rules && Object.keys(block.rules).length > 0;
	if (!hasRules) return block; // plugin registration, parser selection
	return {
		...block,
		files: block.files ?? SOURCE_FILE_PATTERNS,
		ignores: [...(block.ignores ?? []), ...NOT_SHIPPED],
	};
});

const LATEST = '@n8n/community-nodes-latest';
const latestCommunityRules = {
	files: SOURCE_FILE_PATTERNS,
	ignores: NOT_SHIPPED,
	plugins: { [LATEST]: communityNodes.configs.recommended.plugins['@n8n/community-nodes'] },
	rules: Object.fromEntries(
		Object.entries(communityNodes.configs.recommended.rules).map(([name, level]) => [
			name.replace('@n8n/community-nodes/', `${LATEST}/`),
			level,
		]),
	),
};

const SHIPPED_TS = ['nodes/**/*.ts', 'credentials/**/*.ts', 'index.ts'];

// Only these modules may be imported by shipped code (n8n provides them at runtime).
const ALLOWED_MODULES = ['n8n-workflow', 'zod', 'crypto', 'node:crypto'];
const ALLOWED_MODULE_RE = `^(?!(?:n8n-workflow|zod(?:/[a-z0-9-]+)?|crypto|node:crypto|\\.{1,2}(?:/.*)?)$)`;
// esquery (selectors) cannot hold a literal '/' inside a regex: \x2F stands for it.
const ALLOWED_MODULE_SELECTOR_RE =
	'/^(?!(n8n-workflow|zod(\\x2F[a-z0-9-]+)?|crypto|node:crypto|\\.{1,2}(\\x2F.*)?)$)/';
const IMPORT_MESSAGE = `Shipped code may import only ${ALLOWED_MODULES.join(', ')} and relative paths (n8n community scanner rule).`;

// Everything on `this.helpers` that makes an HTTP request, except the one allowed helper.
const HELPER_REQUEST_RE = '/^(?!httpRequestWithAuthentication$).*[Rr]equest/';
const HTTP_MESSAGE =
	'HTTP goes only through this.helpers.httpRequestWithAuthentication (in nodes/shared/transport/request.ts); helpers.request* is deprecated and helpers.httpRequest bypasses the credential.';

// helpers.httpRequest (no credential) is allowed in exactly these modules, each for a request
// that must NOT carry the Atlas api-key (the scanner allows it: its rule
// no-http-request-with-manual-auth only flags httpRequest next to getCredentials):
// - nodes/shared/recording/download.ts: downloading a recording from a host other than the credential's
//   (a storage/CDN host): sending the api-key there would leak the secret to a third party;
// - nodes/AtlasTrigger/sample/send.ts: the sample POST of "Listen for test event" goes to n8n's own
//   test URL, not to Atlas;
// - nodes/Atlas/actions/webhook/cleanUpOrphans/probe.ts: Webhook > Clean Up Orphaned Subscriptions posts an empty
//   delivery to n8n's own webhook addresses to see whether an active workflow still owns them.
const PLAIN_HTTP_MODULES = [
	'nodes/shared/recording/download.ts',
	'nodes/AtlasTrigger/sample/send.ts',
	'nodes/Atlas/actions/webhook/cleanUpOrphans/probe.ts',
];
const PLAIN_HELPER_REQUEST_RE = '/^(?!(httpRequestWithAuthentication|httpRequest)$).*[Rr]equest/';

const restrictedGlobal = (name, message) => ({ name, message });
const GLOBAL_MESSAGE = 'Not available to community nodes (n8n community scanner / n8n Cloud).';

const shippedRules = {
	files: SHIPPED_TS,
	rules: {
		'no-restricted-imports': [
			'error',
			{ patterns: [{ regex: ALLOWED_MODULE_RE, message: IMPORT_MESSAGE }] },
		],
		'no-restricted-globals': [
			'error',
			...[
				'process',
				'setInterval',
				'setImmediate',
				'clearTimeout',
				'clearInterval',
				'clearImmediate',
				'globalThis',
				'global',
				'__dirname',
				'__filename',
				'require',
				'module',
				'exports',
				'eval',
				'Function',
			].map((name) => restrictedGlobal(name, GLOBAL_MESSAGE)),
			restrictedGlobal('setTimeout', "Use 'sleep' from n8n-workflow."),
			restrictedGlobal('fetch', HTTP_MESSAGE),
			restrictedGlobal('XMLHttpRequest', HTTP_MESSAGE),
			restrictedGlobal('WebSocket', HTTP_MESSAGE),
		],
		'no-restricted-syntax': [
			'error',
			// Module loading that no-restricted-imports does not see.
			{
				selector: `ImportExpression[source.value=${ALLOWED_MODULE_SELECTOR_RE}]`,
				message: IMPORT_MESSAGE,
			},
			{ selector: 'ImportExpression[source.type!="Literal"]', message: 'No dynamic import().' },
			{
				selector: 'TSImportEqualsDeclaration[moduleReference.type="TSExternalModuleReference"]',
				message: 'Use an ES import. ' + IMPORT_MESSAGE,
			},
			{
				selector: 'CallExpression[callee.name="require"]',
				message: 'No require(). ' + IMPORT_MESSAGE,
			},
			{ selector: 'TSImportType', message: 'No import("...") types. ' + IMPORT_MESSAGE },
			// HTTP helpers: this.helpers.request(...), helpers.httpRequest(...), helpers['request'], ...
			{
				selector: `MemberExpression[property.name=${HELPER_REQUEST_RE}]:matches([object.name="helpers"], [object.property.name="helpers"])`,
				message: HTTP_MESSAGE,
			},
			{
				selector: `MemberExpression[property.value=${HELPER_REQUEST_RE}]:matches([object.name="helpers"], [object.property.name="helpers"])`,
				message: HTTP_MESSAGE,
			},
			// const { httpRequest } = this.helpers;
			{
				selector: `VariableDeclarator:matches([init.name="helpers"], [init.property.name="helpers"]) > ObjectPattern > Property[key.name=${HELPER_REQUEST_RE}]`,
				message: HTTP_MESSAGE,
			},
			// Swallowed errors: an empty catch block (comments do not count) or an empty .catch().
			{
				selector: 'CatchClause > BlockStatement[body.length=0]',
				message:
					'Empty catch block: handle the error (e.g. a 404) explicitly and rethrow the rest.',
			},
			{
				selector:
					'CallExpression[callee.property.name="catch"] > :matches(ArrowFunctionExpression, FunctionExpression) > BlockStatement[body.length=0]',
				message: 'Empty .catch() handler swallows the error.',
			},
			{
				selector:
					'CallExpression[callee.property.name="catch"] > ArrowFunctionExpression[body.type!="BlockStatement"][params.length=0]',
				message: '.catch(() => value) swallows the error.',
			},
			{ selector: 'NewExpression[callee.name="Function"]', message: 'No Function constructor.' },
			{ selector: 'WithStatement', message: 'No with statements.' },
		],
		'no-empty': ['error', { allowEmptyCatch: false }],
		'no-console': 'error',
		'no-debugger': 'error',
		'no-eval': 'error',
		'no-implied-eval': 'error',
		'no-new-func': 'error',
	},
};

export default tseslint.config(
	{
		// Global ignores. JSON is linted only where the scanner looks at it.
		ignores: [
			'node_modules/**',
			'dist/**',
			'coverage/**',
			'.n8n-*/**',
			'**/*.json',
			'!package.json',
			'!nodes/**/*.json',
			'!credentials/**/*.json',
		],
	},
	...scannerBlocks,
	latestCommunityRules,
	// Light TS lint everywhere TypeScript is written (syntax-level rules, no type information).
	{
		files: ['**/*.ts', '**/*.mts', '**/*.cts'],
		extends: [tseslint.configs.recommended],
	},
	shippedRules,
	{
		// The same rules, with helpers.httpRequest allowed (see PLAIN_HTTP_MODULES above).
		files: PLAIN_HTTP_MODULES,
		rules: {
			'no-restricted-syntax': shippedRules.rules['no-restricted-syntax'].map((entry) =>
				typeof entry === 'object' && entry.selector.includes(HELPER_REQUEST_RE)
					? {
							...entry,
							selector: entry.selector.split(HELPER_REQUEST_RE).join(PLAIN_HELPER_REQUEST_RE),
						}
					: entry,
			),
		},
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-non-null-assertion': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
			],
		},
	},
	{
		// Tooling written in plain JS (gulpfile, scripts/*.mjs, this file).
		files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
		languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
		rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		languageOptions: { sourceType: 'commonjs' },
	},
);
