// The API's wire shapes the console reads (docs/openapi.json).

export type Role = 'admin' | 'user' | 'reader';

export interface Caller {
  object: 'caller';
  key_id: string;
  owner: string;
  role: Role;
  scopes: string[];
  models: string[] | null;
  tier: string;
}

export interface Limits {
  rpm?: number | null;
  tpm?: number | null;
  rpd?: number | null;
  tpd?: number | null;
  max_concurrency?: number | null;
  budget?: number | null;
  max_jobs?: number | null;
  priority?: Priority | null;
  response_cache?: boolean | null;
}

/** The class a key's or tier's work is served in when the worker is saturated. */
export type Priority = 'low' | 'normal' | 'high';

export const LIMIT_FIELDS = ['rpm', 'tpm', 'rpd', 'tpd', 'max_concurrency', 'budget', 'max_jobs'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

export interface UsageRow {
  timestamp: number;
  model: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  requests: number;
  cost: number;
  errors?: number;
  rate_limited?: number;
  cached?: number;
}

export interface UsageList {
  data: UsageRow[];
  total: Omit<UsageRow, 'timestamp' | 'model'>;
}

export interface QuotaLine {
  limit: string;
  value: number;
  used: number;
  remaining: number;
  resets_at: number | null;
}

export interface QuotaView {
  key_id: string;
  owner: string;
  tier: string;
  limits: Limits;
  usage: QuotaLine[];
}

export interface KeyObject {
  id: string;
  name: string;
  owner: string;
  role: Role;
  scopes: string[];
  models: string[] | null;
  ip_allowlist: string[];
  tier: string;
  limits: Limits | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  status: string;
  last_four: string;
  webhook: string | null;
  key: string | null;
  webhook_secret?: string | null;
}

export interface Tier {
  name: string;
  limits: Limits;
  model_limits: Record<string, Limits>;
}

export interface Price {
  model: string;
  input_per_1k: number;
  output_per_1k: number;
  updated_at: number;
}

export interface WebhookDelivery {
  attempt: number;
  at: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface Job {
  id: string;
  status: string;
  created: number;
  model: string;
  endpoint: string;
  expires_at: number;
  started_at?: number | null;
  completed_at?: number | null;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  result?: unknown;
  error?: { code: string; message: string } | null;
  webhook?: string | null;
  webhook_deliveries?: WebhookDelivery[] | null;
}

export interface JobList {
  data: Job[];
  last_id: string | null;
  has_more: boolean;
}

export interface Model {
  id: string;
  owned_by: string;
  context_length: number;
  dimensions: number | null;
  capabilities: { completion: boolean; chat: boolean; embedding: boolean; fine_tuning: boolean };
}

export interface ListOf<T> {
  data: T[];
}
