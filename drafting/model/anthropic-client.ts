import type Anthropic from '@anthropic-ai/sdk';
import type { ModelClient, ModelSettings } from './model-client.js';

const maxOutputTokens = 8192;

/** The official `@anthropic-ai/sdk`; structured output through one forced tool call. */
export function createAnthropicClient(settings: ModelSettings): ModelClient {
  // The SDK loads on the first call: a start (or a process that never drafts with it) does not pay for it.
  let client: Promise<Anthropic> | undefined;
  const sdk = () =>
    (client ??= import('@anthropic-ai/sdk').then(
      ({ default: AnthropicClient }) =>
        new AnthropicClient({
          apiKey: settings.apiKey,
          ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
          timeout: settings.timeoutMs,
          maxRetries: settings.maxRetries,
        }),
    ));
  return {
    name: `anthropic:${settings.model}`,
    async complete(request) {
      const anthropic = await sdk();
      const response = await anthropic.messages.create({
        model: settings.model,
        max_tokens: maxOutputTokens,
        system: request.system,
        messages: [{ role: 'user', content: request.user }],
        tools: [
          {
            name: request.schemaName,
            description: 'Submit the documentation draft.',
            input_schema: request.schema as Anthropic.Tool.InputSchema,
          },
        ],
        tool_choice: { type: 'tool', name: request.schemaName },
      });
      const call = response.content.find((block) => block.type === 'tool_use');
      return {
        text:
          call && call.type === 'tool_use'
            ? JSON.stringify(call.input)
            : response.content.map((b) => (b.type === 'text' ? b.text : '')).join(''),
        inputTokens: response.usage.input_tokens,
        outputTokens: response.usage.output_tokens,
      };
    },
  };
}
