/** One structured-output call to a language model, whatever the provider. */
export interface ModelRequest {
  system: string;
  user: string;
  /** JSON schema the answer must follow (OpenAI `json_schema` response format, Anthropic tool input). */
  schema: Record<string, unknown>;
  schemaName: string;
}

export interface ModelReply {
  /** The answer as JSON text (not yet parsed or validated). */
  text: string;
  inputTokens: number;
  outputTokens: number;
}

export interface ModelClient {
  /** `provider:model`, e.g. `openai:gpt-4.1`. */
  name: string;
  complete(request: ModelRequest): Promise<ModelReply>;
}

export interface ModelSettings {
  provider: 'openai' | 'anthropic';
  model: string;
  apiKey?: string;
  /** Any OpenAI-compatible server (Ollama, vLLM, LM Studio) or an Anthropic-compatible proxy. */
  baseUrl?: string;
  timeoutMs: number;
  /** SDK-level retries of 429/5xx, honouring `retry-after`; the activity retries beyond that. */
  maxRetries: number;
}
