// The TypeScript SDK's equivalent of the Sirsi fixture's `echo` tool, for benchmarks.
// It is written the way the SDK's own examples write a server: McpServer + registerTool with zod
// schemas; over HTTP, Express with one StreamableHTTPServerTransport per session.
//
//   node echo-server.mjs                 stdio
//   node echo-server.mjs --http PORT     Streamable HTTP at http://127.0.0.1:PORT/mcp
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

function newServer() {
  const server = new McpServer({ name: 'typescript-echo', version: '1.0.0' });
  server.registerTool(
    'echo',
    {
      title: 'Echo',
      description: 'Returns its text argument unchanged, as structured content',
      inputSchema: { text: z.string().describe('Text to echo') },
      outputSchema: { text: z.string() },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ text }) => ({
      content: [{ type: 'text', text: JSON.stringify({ text }) }],
      structuredContent: { text },
    }),
  );
  return server;
}

const httpIndex = process.argv.indexOf('--http');
if (httpIndex < 0) {
  await newServer().connect(new StdioServerTransport());
} else {
  const port = Number(process.argv[httpIndex + 1] ?? 0);
  const app = createMcpExpressApp();
  const transports = {};
  app.post('/mcp', async (req, res) => {
    const sessionId = req.headers['mcp-session-id'];
    let transport = sessionId ? transports[sessionId] : undefined;
    if (!transport) {
      if (sessionId || !isInitializeRequest(req.body)) {
        res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: no valid session' }, id: null });
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          transports[id] = transport;
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) delete transports[transport.sessionId];
      };
      await newServer().connect(transport);
    }
    await transport.handleRequest(req, res, req.body);
  });
  const sessionRequest = async (req, res) => {
    const transport = transports[req.headers['mcp-session-id']];
    if (!transport) {
      res.status(400).send('Invalid or missing session ID');
      return;
    }
    await transport.handleRequest(req, res);
  };
  app.get('/mcp', sessionRequest);
  app.delete('/mcp', sessionRequest);
  const listener = app.listen(port, '127.0.0.1', () => {
    console.log(`typescript-echo listening on http://127.0.0.1:${listener.address().port}/mcp`);
  });
}
