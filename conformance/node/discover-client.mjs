// Discovers an estate through a Sirsi cloud server with the official TypeScript SDK client, and prints
// what it saw as one JSON object. Sirsi's cloud servers' integration tests run it.
//
//   node discover-client.mjs COMMAND [ARG...]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

const [command, ...args] = process.argv.slice(2);
// Progress notifications as they arrive, before the SDK dispatches them (the SDK chains a handler set before
// connect). The SDK runs notification handlers a microtask late but responses at once, so a call's last progress
// can lose its handler to the result that follows it in the same read (typescript-sdk#2580, a race servers
// cannot avoid): the server sent it, and this records it.
const wireProgress = [];

const client = new Client({ name: 'sirsi-discovery-client', version: '1.0.0' }, { capabilities: {} });
const report = {};
try {
  const transport = new StdioClientTransport({ command, args, stderr: 'inherit' });
  transport.onmessage = (message) => {
    if (message.method === 'notifications/progress') {
      wireProgress.push(message.params.progress);
    }
  };
  await client.connect(transport);
  report.server = client.getServerVersion().name;
  report.tools = (await client.listTools()).tools.map((t) => t.name);
  const seen = wireProgress.length;
  const discovered = await client.request(
    { method: 'tools/call', params: { name: 'discover', arguments: {} } },
    CallToolResultSchema,
    { onprogress: () => {} },
  );
  report.discovered = discovered.structuredContent;
  report.progress = wireProgress.slice(seen);
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
