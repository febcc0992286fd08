// Drives a server with the official TypeScript SDK client and prints what it saw as one JSON object.
// Sirsi's interop tests run it against kit servers and check the answers.
//
//   node interop-client.mjs --url http://127.0.0.1:PORT/mcp [--script fixture|discovery]
//   node interop-client.mjs --stdio COMMAND [ARG...]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

const args = process.argv.slice(2);
let transport;
if (args[0] === '--url') {
  transport = new StreamableHTTPClientTransport(new URL(args[1]));
} else if (args[0] === '--stdio') {
  transport = new StdioClientTransport({ command: args[1], args: args.slice(2), stderr: 'inherit' });
} else {
  console.error('usage: interop-client.mjs --url URL | --stdio COMMAND [ARG...]');
  process.exit(2);
}

// Progress notifications as they arrive, before the SDK dispatches them (the SDK chains a handler set before
// connect). The SDK runs notification handlers a microtask late but responses at once, so a call's last progress
// can lose its handler to the result that follows it in the same read (typescript-sdk#2580, a race servers
// cannot avoid): the server sent it, and this records it.
const wireProgress = [];
transport.onmessage = (message) => {
  if (message.method === 'notifications/progress') {
    wireProgress.push(message.params);
  }
};

const client = new Client({ name: 'sirsi-interop-client', version: '1.0.0' }, { capabilities: {} });
const report = {};
try {
  await client.connect(transport);
  report.server = client.getServerVersion();
  report.capabilities = client.getServerCapabilities();

  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  report.tools = tools.map((t) => ({ name: t.name, readOnly: t.annotations?.readOnlyHint ?? null, hasOutputSchema: !!t.outputSchema }));

  const echo = await client.callTool({ name: 'echo', arguments: { text: 'héllo from TypeScript' } });
  report.echo = { structured: echo.structuredContent, isError: echo.isError ?? false };

  const badArgs = await client.callTool({ name: 'add', arguments: { a: 1 } });
  report.badArguments = { isError: badArgs.isError ?? false, text: badArgs.content?.[0]?.text ?? null };

  const seen = wireProgress.length;
  const delivered = []; // what the SDK matched to the call's progress token and handed on
  const counted = await client.request(
    { method: 'tools/call', params: { name: 'count_slowly', arguments: { steps: 5, delay_ms: 5 } } },
    CallToolResultSchema,
    { onprogress: (p) => delivered.push(p.progress) },
  );
  const progress = wireProgress.slice(seen).map((p) => ({ progress: p.progress, total: p.total }));
  report.countSlowly = { structured: counted.structuredContent, progress, delivered };

  try {
    await client.callTool({ name: 'no_such_tool', arguments: {} });
    report.unknownTool = { error: null };
  } catch (e) {
    report.unknownTool = { error: e.code ?? null, message: String(e.message) };
  }

  const resources = await client.listResources();
  report.resources = resources.resources.map((r) => r.uri);
  const text = await client.readResource({ uri: 'test://static-text' });
  report.staticText = text.contents[0].text;
  const templated = await client.readResource({ uri: 'test://template/7/data' });
  report.templated = templated.contents[0].text;

  const prompts = await client.listPrompts();
  report.prompts = prompts.prompts.map((p) => p.name);
  const prompt = await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'one', arg2: 'two' } });
  report.prompt = prompt.messages[0].content.text;

  await client.close();
  report.ok = true;
} catch (e) {
  report.ok = false;
  report.error = String(e?.stack ?? e);
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(report.ok ? 0 : 1);
