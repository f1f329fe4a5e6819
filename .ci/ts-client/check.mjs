// CI check: the official TypeScript MCP client drives hatchet-mcp against the built-in emulator, over stdio or over
// Streamable HTTP (serve-http, stateless).
// That client validates every structuredContent against the tool's declared outputSchema and rejects a result that
// does not match, so this catches what our own (C#) client would not: an answer another client refuses.
// Usage: node .ci/ts-client/check.mjs <path to the hatchet-mcp executable> [stdio|http]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { spawn } from "node:child_process";
import readline from "node:readline";

const server = process.argv[2];
const transport = process.argv[3] ?? "stdio";
if (!server || !["stdio", "http"].includes(transport)) {
  console.error("usage: node check.mjs <hatchet-mcp executable> [stdio|http]");
  process.exit(2);
}

/** Starts a hatchet-mcp verb and reads the KEY=value lines it prints first, until `done` has what it needs. */
async function start(args, env, done) {
  const child = spawn(server, args, { stdio: ["ignore", "pipe", "ignore"], env });
  const settings = {};
  for await (const line of readline.createInterface({ input: child.stdout })) {
    const at = line.indexOf("=");
    if (at > 0) settings[line.slice(0, at)] = line.slice(at + 1);
    if (done(settings)) break;
  }
  return { child, settings };
}

const { child: emulator, settings } = await start(["emulator", "--port", "0"], process.env, (s) => s.HATCHET_API_BASE && s.HATCHET_CLIENT_TOKEN);
// Over HTTP the client talks to serve-http (stateless, so every request stands alone) with the same tools.
const httpServer = transport === "http"
  ? await start(["serve-http", "--urls", "http://127.0.0.1:0", "--allow-anonymous-loopback", "--toolsets", "all"], { ...process.env, ...settings }, (s) => s.MCP_URL)
  : undefined;
// CI's `timeout` stops this process with SIGTERM: take the emulator and the server down with it.
process.on("SIGTERM", () => {
  httpServer?.child.kill();
  emulator.kill();
  process.exit(1);
});
const connectTo = () => transport === "http"
  ? new StreamableHTTPClientTransport(new URL(httpServer.settings.MCP_URL))
  : new StdioClientTransport({ command: server, args: ["--toolsets", "all"], env: { ...process.env, ...settings }, stderr: "ignore" });

const client = new Client({ name: "hatchet-mcp-ci-ts-client", version: "1.0.0" });
const failures = [];
let calls = 0;

async function call(name, args, { expectError = false, retryIf } = {}) {
  calls++;
  try {
    const result = await client.callTool({ name, arguments: args });
    if (retryIf?.(result)) return result;
    if (!!result.isError !== expectError) {
      failures.push(`${name} ${JSON.stringify(args)}: isError=${!!result.isError}, expected ${expectError}`);
    }
    if (!expectError && !result.structuredContent) failures.push(`${name} ${JSON.stringify(args)}: no structuredContent`);
    return result;
  } catch (error) {
    // A schema mismatch or a protocol error for bad arguments lands here.
    failures.push(`${name} ${JSON.stringify(args)}: ${error.message}`);
    return undefined;
  }
}

try {
  await client.connect(connectTo());
  const { tools } = await client.listTools();
  if (tools.length !== 25) failures.push(`tools/list: ${tools.length} tools`);

  await call("whoami", {});
  await call("list_workflows", {});
  await call("get_workflow", { workflow: "charge-payment", since: "48h" });
  await call("list_runs", {});
  const failed = await call("list_runs", { statuses: ["FAILED"], since: "7d", limit: 5 });
  const failedRun = failed?.structuredContent?.runs?.[0]?.id;
  await call("list_runs", { statuses: ["QUEUED", "RUNNING"], limit: 500 });
  const run = await call("get_run", { run_id: failedRun });
  await call("get_run", { run_id: run?.structuredContent?.tasks?.[0]?.id ?? failedRun });
  await call("get_run_logs", { run_id: failedRun });
  await call("diagnose_run", { run_id: failedRun });
  await call("compare_runs", { run_id: failedRun });
  await call("get_run_logs", { run_id: failedRun, limit: 2, levels: ["ERROR", "INFO"] });
  await call("search_logs", { text: "billing_country", since: "7d", levels: ["ERROR"] });
  await call("search_logs", { text: "100%_", workflow: "charge-payment", limit: 50 });
  const workers = await call("list_workers", {});
  await call("get_worker", { worker_id: workers?.structuredContent?.workers?.[0]?.id });
  await call("list_rate_limits", { search: "e", limit: 2 });
  await call("get_queue_metrics", {});
  await call("list_crons", { workflow: "send-email" });
  await call("list_scheduled_runs", { statuses: ["SCHEDULED"] });
  await call("list_events", { since: "24h", limit: 20 });
  const stuck = await call("find_stuck_runs", { older_than: "1m" });
  // A run held by an exhausted rate limit stays queued through this check: a cancel target that cannot finish first.
  const heldRun = stuck?.structuredContent?.groups?.find((g) => g.workflow === "send-sms")?.exampleRunIds?.[0];
  await call("summarize_failures", {});
  await call("summarize_failures", { workflow: "charge-payment", since: "48h" });
  // Writes through the confirmation token path (this client declares no elicitation): a preview that sends nothing,
  // then the same call with its token; a tampered token is a tool error.
  // A run the preview counted may start or finish before the confirming call (the emulator completes runs in seconds,
  // sooner than a loaded CI machine gets there); the server then refuses the token, as it must, and the caller
  // previews again, as an agent would.
  const confirmed = async (name, args) => {
    for (let attempt = 1; ; attempt++) {
      const preview = await call(name, args);
      const token = preview?.structuredContent?.confirmation?.token;
      if (preview?.structuredContent?.confirmation?.result !== "preview" || !token) failures.push(`${name}: no preview with a confirmation token`);
      await call(name, { ...args, confirmation_token: `${token}x` }, { expectError: true });
      const moved = (result) => attempt < 3 && result.isError && (result.content?.[0]?.text ?? "").includes("changed since the preview");
      const result = await call(name, { ...args, confirmation_token: token }, { retryIf: moved });
      if (!result || !moved(result)) return result;
    }
  };
  const triggerArgs = { workflow: "send-email", input: { to: "ops@example.com", template: "welcome", customerId: "cus_ci" }, metadata: { source: "ci" } };
  const started = await confirmed("trigger_workflow", triggerArgs);
  if (!started?.structuredContent?.runId) failures.push("trigger_workflow with its token: no run started");
  const cancelled = await confirmed("cancel_runs", { run_ids: [started?.structuredContent?.runId, heldRun, "00000000-0000-4000-8000-000000000001"] });
  if (!cancelled?.structuredContent?.results?.some((r) => r.id === heldRun && r.outcome === "cancel_requested")) {
    failures.push(`cancel_runs with its token: ${heldRun} not cancel_requested: ${JSON.stringify(cancelled?.structuredContent?.results)}`);
  }
  await confirmed("replay_runs", { run_ids: [failedRun] });
  const paused = await confirmed("pause_workflow", { workflow: "send-email", cron_and_scheduled: "DROP", queue_ttl: "2h" });
  if (paused?.structuredContent?.outcome !== "paused") failures.push("pause_workflow with its token: not paused");
  await confirmed("resume_workflow", { workflow: "send-email" });

  // One resource and one prompt through the same client: the resource reads as get_run, the prompt names its tools.
  calls++;
  try {
    const { resourceTemplates } = await client.listResourceTemplates();
    if (resourceTemplates.length !== 2) failures.push(`resources/templates/list: ${resourceTemplates.length} templates`);
    // Ages move between the two reads: the first line (id, workflow, status) must be the same. The run is a failed one
    // the writes above did not replay, so its status cannot change between the reads.
    const settledRun = failed?.structuredContent?.runs?.find((r) => r.id !== failedRun)?.id ?? failedRun;
    const tool = await client.callTool({ name: "get_run", arguments: { run_id: settledRun } });
    const read = await client.readResource({ uri: `hatchet://runs/${settledRun}` });
    const first = (text) => (text ?? "").split("\n")[0];
    if (!first(tool.content?.[0]?.text) || first(read.contents?.[0]?.text) !== first(tool.content?.[0]?.text)) {
      failures.push(`resources/read hatchet://runs/${settledRun}: not get_run's text (${first(read.contents?.[0]?.text)} vs ${first(tool.content?.[0]?.text)})`);
    }
  } catch (error) {
    failures.push(`resources/read: ${error.message}`);
  }
  calls++;
  try {
    const { prompts } = await client.listPrompts();
    if (prompts.length !== 3) failures.push(`prompts/list: ${prompts.length} prompts`);
    const prompt = await client.getPrompt({ name: "debug_run", arguments: { run_id: failedRun } });
    if (!prompt.messages?.[0]?.content?.text?.includes(`diagnose_run run_id=${failedRun}`)) failures.push("prompts/get debug_run: no diagnose_run step");
  } catch (error) {
    failures.push(`prompts/get: ${error.message}`);
  }

  // Bad arguments are tool errors (isError), never protocol errors.
  await call("get_run", { run_id: "not-a-uuid" }, { expectError: true });
  await call("list_runs", { limit: -1 }, { expectError: true });
  await call("list_runs", { statuses: ["BOGUS"] }, { expectError: true });
  await call("list_runs", { since: "yesterday-ish" }, { expectError: true });
  await call("search_logs", { text: "x" }, { expectError: true });
  await call("summarize_failures", { since: "soonish" }, { expectError: true });
  await call("compare_runs", { run_id: failedRun, other_run_id: "42" }, { expectError: true });
  await call("get_worker", { worker_id: "../tenants" }, { expectError: true });
  await call("list_scheduled_runs", { statuses: ["DONE"] }, { expectError: true });
  await call("find_stuck_runs", { older_than: "a while" }, { expectError: true });
  await call("trigger_workflow", { workflow: "send-email", input: [1, 2] }, { expectError: true });
} catch (error) {
  failures.push(`session: ${error.message}`);
} finally {
  await client.close().catch(() => {});
}

// One confirmed write through elicitation: a client that declares it and approves; the server asks, then acts. Over
// stateless HTTP the server cannot send a request back to the client mid-call, so writes confirm by token there.
async function elicitedWrite() {
  const asking = new Client({ name: "hatchet-mcp-ci-ts-eliciting", version: "1.0.0" }, { capabilities: { elicitation: {} } });
  let asked = "";
  asking.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked = request.params.message ?? "";
    return { action: "accept", content: {} };
  });
  try {
    await asking.connect(new StdioClientTransport({ command: server, args: [], env: { ...process.env, ...settings }, stderr: "ignore" }));
    calls++;
    const result = await asking.callTool({ name: "trigger_workflow", arguments: { workflow: "send-email", input: { to: "elicit@example.com", template: "welcome", customerId: "cus_ci" } } });
    if (result.isError || result.structuredContent?.confirmation?.path !== "elicitation" || !result.structuredContent?.runId) {
      failures.push(`trigger_workflow with elicitation: ${JSON.stringify(result.structuredContent ?? result.content)}`);
    }
    if (!asked.includes("send-email") || !asked.includes("Undo")) failures.push(`elicitation message lacks the workflow or the undo: ${asked}`);
  } catch (error) {
    failures.push(`elicitation session: ${error.message}`);
  } finally {
    await asking.close().catch(() => {});
  }
}
try {
  if (transport === "stdio") await elicitedWrite();
} finally {
  httpServer?.child.kill();
  emulator.kill();
}

if (failures.length > 0) {
  console.log(`ts client check over ${transport}: FAIL (${failures.length} problem(s) in ${calls} calls)\n  ` + failures.join("\n  "));
  process.exit(1);
}
console.log(`ts client check over ${transport}: ok (${calls} calls through @modelcontextprotocol/sdk, every structured answer valid against its schema)`);
