// Calls tools on any MCP server with the official TypeScript SDK client, over Streamable HTTP, and
// prints one JSON object: the tool list and each call's result. Sirsi's tests run it as a third-party
// client.
//
//   node call-tools.mjs --url http://127.0.0.1:PORT/mcp --calls '[{"name":"echo","arguments":{...}}, ...]'
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

const options = {};
const argv = process.argv.slice(2);
for (let i = 0; i + 1 < argv.length; i += 2) {
  options[argv[i].replace(/^--/, '')] = argv[i + 1];
}
if (!options.url || !options.calls) {
  console.error('usage: call-tools.mjs --url URL --calls JSON_ARRAY');
  process.exit(2);
}

const out = { results: [] };
try {
  const client = new Client({ name: 'sirsi-ts-caller', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(options.url)));
  out.tools = (await client.listTools()).tools.map((t) => t.name);
  for (const call of JSON.parse(options.calls)) {
    const result = await client.callTool(call, CallToolResultSchema, { timeout: 60000 });
    out.results.push({
      name: call.name,
      isError: result.isError ?? false,
      structured: result.structuredContent ?? null,
      text: result.content?.[0]?.text ?? null,
    });
  }
  await client.close();
  out.ok = true;
} catch (e) {
  out.ok = false;
  out.error = String(e?.stack ?? e);
}
process.stdout.write(JSON.stringify(out) + '\n');
