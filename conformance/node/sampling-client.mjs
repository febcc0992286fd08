// Drives the reporting agent's build_report with the official TypeScript SDK client declaring MCP
// sampling: it answers the first sampling/createMessage with the text given and later ones with an
// image (not text), and prints what it saw as one JSON object. Sirsi's reporting tests run it.
//
//   node sampling-client.mjs --url http://127.0.0.1:PORT/mcp --answer TEXT [--estate NAME --target CLOUD]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const options = {};
const argv = process.argv.slice(2);
for (let i = 0; i + 1 < argv.length; i += 2) {
  options[argv[i].replace(/^--/, '')] = argv[i + 1];
}
if (!options.url || !options.answer) {
  console.error('usage: sampling-client.mjs --url URL --answer TEXT [--estate NAME --target CLOUD]');
  process.exit(2);
}

// A 1x1 transparent PNG: an answer that is not text, which the server must not use as a summary.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const client = new Client({ name: 'sirsi-sampling-client', version: '1.0.0' }, { capabilities: { sampling: {} } });
const requests = [];
client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
  requests.push(request.params);
  if (requests.length === 1) {
    return { role: 'assistant', model: 'sirsi-test-model', stopReason: 'endTurn', content: { type: 'text', text: options.answer } };
  }
  return { role: 'assistant', model: 'sirsi-test-model', content: { type: 'image', data: PIXEL, mimeType: 'image/png' } };
});

async function build(extra) {
  const result = await client.callTool(
    { name: 'build_report', arguments: { estate: options.estate ?? 'kulturio', target: options.target ?? 'azure', formats: ['markdown'], ...extra } },
    CallToolResultSchema,
    { timeout: 120000 },
  );
  const structured = result.structuredContent ?? {};
  const markdown = structured.uris ? await client.readResource({ uri: structured.uris.markdown }) : null;
  return {
    isError: result.isError ?? false,
    text: result.content?.[0]?.text ?? null,
    structured,
    links: (result.content ?? []).filter((c) => c.type === 'resource_link').map((c) => c.uri),
    markdown: markdown?.contents?.[0]?.text ?? null,
    samplingRequestsSoFar: requests.length,
  };
}

const report = {};
try {
  await client.connect(new StreamableHTTPClientTransport(new URL(options.url)));
  report.sampled = await build({});
  report.forcedTemplate = await build({ summary: 'template' });
  report.notText = await build({});
  report.requests = requests;
  await client.close();
  report.ok = true;
} catch (e) {
  report.ok = false;
  report.error = String(e?.stack ?? e);
}
// Exit only once the JSON is written: stdout is a pipe, and exiting early would cut it short.
process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(report.ok ? 0 : 1));
