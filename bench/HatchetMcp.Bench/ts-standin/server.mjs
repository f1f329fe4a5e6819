// Bench stand-in for "the TypeScript server": the official TypeScript MCP SDK over stdio with ten tools shaped like
// hatchet-mcp's (names, a few typed arguments, a one-line answer). It does no Hatchet work, so its cold start is the
// floor any TypeScript MCP server on node pays: node start-up, loading the SDK and zod, building ten tool schemas.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "ts-standin", version: "1.0.0" });
const id = z.string().describe("A run or task id (UUID).");
const tools = {
  whoami: {},
  list_workflows: { name: z.string().optional(), limit: z.number().int().optional(), offset: z.number().int().optional() },
  list_runs: { since: z.string().optional(), until: z.string().optional(), statuses: z.array(z.string()).optional(), workflow: z.string().optional(), limit: z.number().int().optional(), offset: z.number().int().optional() },
  get_run: { run_id: id },
  get_run_logs: { run_id: id, levels: z.array(z.string()).optional(), search: z.string().optional(), limit: z.number().int().optional() },
  list_workers: { status: z.string().optional() },
  get_queue_metrics: { since: z.string().optional(), workflow: z.string().optional() },
  trigger_workflow: { workflow: z.string(), input: z.record(z.string(), z.unknown()).optional(), priority: z.number().int().optional() },
  cancel_runs: { ids: z.array(id) },
  replay_runs: { ids: z.array(id) },
};
for (const [name, shape] of Object.entries(tools)) {
  server.registerTool(name, { title: name, description: `Stand-in for ${name}.`, inputSchema: shape },
    async () => ({ content: [{ type: "text", text: `${name}: ok` }] }));
}
await server.connect(new StdioServerTransport());
