import type OpenAI from 'openai';
import type { ModelClient, ModelSettings } from './model-client.js';

/** The official `openai` SDK; with `baseUrl` it talks to any OpenAI-compatible server. */
export function createOpenAIClient(settings: ModelSettings): ModelClient {
  // The SDK loads on the first call: a start (or a process that never drafts with it) does not pay for it.
  let client: Promise<OpenAI> | undefined;
  const sdk = () =>
    (client ??= import('openai').then(
      ({ default: OpenAIClient }) =>
        new OpenAIClient({
          // Local OpenAI-compatible servers need no key; the SDK insists on one, so send a placeholder.
          apiKey: settings.apiKey ?? 'not-needed',
          ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
          timeout: settings.timeoutMs,
          maxRetries: settings.maxRetries,
        }),
    ));
  return {
    name: `openai:${settings.model}`,
    async complete(request) {
      const openai = await sdk();
      const response = await openai.chat.completions.create({
        model: settings.model,
        temperature: 0,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: request.schemaName, strict: true, schema: request.schema },
        },
      });
      return {
        text: response.choices[0]?.message?.content ?? '',
        inputTokens: response.usage?.prompt_tokens ?? 0,
        outputTokens: response.usage?.completion_tokens ?? 0,
      };
    },
  };
}
