// Reading a workflow's structure: active leaf states of a snapshot value and the meta of a state path.
import type { StateMeta, WorkflowConfig } from '../registry/index.js';

export function activeLeaves(value: unknown, prefix: string[] = []): string[] {
  if (typeof value === 'string') return [[...prefix, value].join('.')];
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => activeLeaves(v, [...prefix, k]));
  }
  return [];
}

type StateNodeConfig = { states?: Record<string, StateNodeConfig>; meta?: StateMeta; type?: string };

export function stateConfig(workflow: WorkflowConfig, path: string): StateNodeConfig | undefined {
  let node: StateNodeConfig | undefined = workflow as unknown as StateNodeConfig;
  for (const key of path.split('.')) node = node?.states?.[key];
  return node;
}

/** Every active state path (leaves and their ancestors), outermost first, without duplicates. */
export function activePaths(leaves: string[]): string[] {
  const out = new Set<string>();
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return [...out];
}

export function stateTitle(workflow: WorkflowConfig, leaves: string[]): string {
  return leaves.map((l) => stateConfig(workflow, l)?.meta?.title ?? l).join('、');
}

export function isEditable(workflow: WorkflowConfig, leaves: string[]): boolean {
  return activePaths(leaves).some((p) => stateConfig(workflow, p)?.meta?.editable === true);
}
