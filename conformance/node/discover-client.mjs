// Discovers an estate through a Sirsi cloud server with the official TypeScript SDK client, and prints
// what it saw as one JSON object. Sirsi's cloud servers' integration tests run it.
//
//   node discover-client.mjs COMMAND [ARG...]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

const [command, ...args] = process.argv.slice(2);
const client = new Client({ name: 'sirsi-discovery-client', version: '1.0.0' }, { capabilities: {} });
const report = {};
try {
  await client.connect(new StdioClientTransport({ command, args, stderr: 'inherit' }));
  report.server = client.getServerVersion().name;
  report.tools = (await client.listTools()).tools.map((t) => t.name);
  const progress = [];
  const discovered = await client.request(
    { method: 'tools/call', params: { name: 'discover', arguments: {} } },
    CallToolResultSchema,
    { onprogress: (p) => progress.push(p.progress) },
  );
  report.discovered = discovered.structuredContent;
  report.progress = progress;
  report.summary = (await client.callTool({ name: 'summarize', arguments: {} })).structuredContent;
  const resources = (await client.listResources()).resources;
  report.inventories = resources.map((r) => r.uri);
  const first = await client.readResource({ uri: resources[0].uri });
  report.firstInventory = JSON.parse(first.contents[0].text).resources.length;
  await client.close();
  report.ok = true;
} catch (e) {
  report.ok = false;
  report.error = String(e?.stack ?? e);
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(report.ok ? 0 : 1);
