/**
 * A provider-specific entry of a project (trigger, context, destination) or a run's source: its
 * `type` names the provider, whose own schema says what else it holds.
 */
export type TypedConfig = { type: string } & Record<string, unknown>;
