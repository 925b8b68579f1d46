import { startScriptedServer } from './scripted-server.js';

/**
 * POST /v1/messages as Anthropic documents it. An object answer comes back as the forced tool's
 * input (a tool_use block); a string answer comes back as a text block (a model ignoring the tool).
 */
export function startFakeAnthropic() {
  return startScriptedServer({
    path: '/v1/messages',
    check(headers, body) {
      const problems: string[] = [];
      // Older API versions authenticate with x-api-key, newer SDKs send the key as a bearer token.
      if (!headers['x-api-key'] && !/^Bearer \S+$/.test(String(headers.authorization ?? '')))
        problems.push('missing x-api-key or Authorization: Bearer');
      if (!headers['anthropic-version']) problems.push('missing anthropic-version');
      if (typeof body.model !== 'string' || !body.model) problems.push('model is required');
      if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) problems.push('max_tokens is required');
      if (!Array.isArray(body.messages) || body.messages[0]?.role !== 'user')
        problems.push('messages must start with a user turn');
      for (const tool of body.tools ?? [])
        if (typeof tool.name !== 'string' || tool.input_schema?.type !== 'object')
          problems.push('tools need a name and an object input_schema');
      if (
        body.tool_choice &&
        body.tool_choice.type === 'tool' &&
        !(body.tools ?? []).some((t: { name: string }) => t.name === body.tool_choice.name)
      )
        problems.push('tool_choice names an unknown tool');
      return problems;
    },
    render(answer, body) {
      const block =
        typeof answer === 'string'
          ? { type: 'text', text: answer }
          : { type: 'tool_use', id: 'toolu_test', name: body.tool_choice?.name ?? 'tool', input: answer };
      return {
        id: 'msg_test',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [block],
        stop_reason: block.type === 'tool_use' ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: Math.ceil(JSON.stringify(body.messages).length / 4),
          output_tokens: Math.ceil(JSON.stringify(answer).length / 4),
        },
      };
    },
  });
}
