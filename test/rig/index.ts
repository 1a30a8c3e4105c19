// The real-n8n rig: the one module every suite that boots n8n imports (test/e2e, test/hardening,
// test/queue, test/docs/examples.e2e.test.ts, scripts/docs/stack.ts).
//   rig.ts         pack once, one sub-suite per line, emulator + n8n + owner + credential + API key
//   trigger.ts     the Atlas Trigger node JSON (triggerNode), its webhook URL, items and answers
//   executions.ts  the execution counter and waiter
//   secrets.ts     the secret tracker (api-key and webhook tokens: redacted, never leaked)
//   logs.ts        the emulator's request log, failure diagnostics, the diagnosed `step`
//   client.ts, n8n.ts, paths.ts, ports.ts, wait.ts: the harness below them (REST client, booting
//   a real n8n of either line, where the installs live, free ports, polling)
export * from './client';
export * from './executions';
export * from './logs';
export * from './n8n';
export * from './paths';
export * from './ports';
export * from './rig';
export * from './secrets';
export * from './trigger';
export * from './wait';
