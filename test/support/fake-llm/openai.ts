import { startScriptedServer } from './scripted-server.js';

/**
 * POST /v1/chat/completions as OpenAI documents it (and OpenAI-compatible servers implement it).
 * An answer is an object (sent as the message content, JSON-encoded) or a string (sent verbatim).
 */
export function startFakeOpenAI() {
  return startScriptedServer({
    path: '/v1/chat/completions',
    check(headers, body) {
      const problems: string[] = [];
      if (!/^Bearer \S+$/.test(String(headers.authorization ?? ''))) problems.push('missing Authorization: Bearer');
      if (typeof body.model !== 'string' || !body.model) problems.push('model is required');
      if (!Array.isArray(body.messages) || !body.messages.length) problems.push('messages must be a non-empty array');
      for (const m of body.messages ?? [])
        if (!['system', 'user', 'assistant', 'developer', 'tool'].includes(m.role) || typeof m.content !== 'string')
          problems.push(`bad message ${JSON.stringify(m).slice(0, 80)}`);
      const format = body.response_format;
      if (
        format &&
        (format.type !== 'json_schema' ||
          typeof format.json_schema?.name !== 'string' ||
          typeof format.json_schema?.schema !== 'object')
      )
        problems.push('response_format must be {type: json_schema, json_schema: {name, schema}}');
      return problems;
    },
    render(answer, body) {
      const content = typeof answer === 'string' ? answer : JSON.stringify(answer);
      return {
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null },
        ],
        usage: {
          prompt_tokens: Math.ceil(JSON.stringify(body.messages).length / 4),
          completion_tokens: Math.ceil(content.length / 4),
          total_tokens: 0,
        },
      };
    },
  });
}
