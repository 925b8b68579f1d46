import OpenAI from 'openai';
import type { ModelClient, ModelSettings } from './model-client.js';

/** The official `openai` SDK; with `baseUrl` it talks to any OpenAI-compatible server. */
export function createOpenAIClient(settings: ModelSettings): ModelClient {
  const client = new OpenAI({
    // Local OpenAI-compatible servers need no key; the SDK insists on one, so send a placeholder.
    apiKey: settings.apiKey ?? 'not-needed',
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });
  return {
    name: `openai:${settings.model}`,
    async complete(request) {
      const response = await client.chat.completions.create({
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
