// The real-n8n rig: the one module every suite that boots n8n imports (test/e2e, test/hardening,
// test/queue, test/docs/examples.e2e.test.ts, scripts/docs/stack.ts).
//   rig.ts         pack once, one sub-suite per line, emulator + n8n + owner + credential + API key
//   trigger.ts     the Atlas Trigger node JSON (triggerNode), its webhook URL, items and answers
//   executions.ts  the execution counter and waiter
//   secrets.ts     the secret tracker (api-key and webhook tokens: redacted, never leaked)
//   logs.ts        the emulator's request log, failure diagnostics, the diagnosed `step`
//   useRig.ts     useRig(line, tarball, options): a suite's rig, started before its tests, stopped after
//   client.ts, session.ts, shapes.ts   the REST client (workflows, executions; cookie, API key, owner)
//   n8n.ts, env.ts  booting a real n8n of either line; the environment every n8n process gets
//                   (also test/queue's cluster)
//   paths.ts, ports.ts, wait.ts: where the installs live, free ports, polling
export * from './client';
export * from './executions';
export * from './logs';
export * from './n8n';
export * from './paths';
export * from './ports';
export * from './rig';
export * from './secrets';
export * from './trigger';
export * from './useRig';
export * from './wait';
