// The signed-in user and the organisation as the API shows them. Kept free of imports so the
// renderer can share these shapes without pulling the engine's runtime (or its Fastify request
// augmentation) into its typecheck.

export interface SessionUser {
  id: number;
  username: string;
  role: string;
  orgId: number | null;
  district: string | null;
  street: string | null;
  displayName: string;
}

export interface OrgView {
  id: number;
  kind: string;
  code: string;
  name: string;
  district: string | null;
  local: boolean | null;
  data: Record<string, unknown>;
  warnings: Array<{ code: string; message: string }>;
}
