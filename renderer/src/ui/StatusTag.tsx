// Coloured tags: case status and state, overdue marks.
import type { ReactNode } from 'react';

export type Tone = 'blue' | 'green' | 'red' | 'orange' | 'grey';

export function Tag({ tone = 'blue', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return <span className={`tag tag-${tone}`} title={title}>{children}</span>;
}

const STATUS: Record<string, { title: string; tone: Tone }> = {
  draft: { title: '草稿', tone: 'grey' },
  active: { title: '办理中', tone: 'blue' },
  closed: { title: '已办结', tone: 'green' },
};

/** `unless`: the step's title next to it; a status that says the same (草稿 beside 草稿) is not repeated. */
export function StatusTag({ status, unless }: { status: string; unless?: string }) {
  const s = STATUS[status] ?? { title: status, tone: 'grey' as Tone };
  if (unless === s.title) return null;
  return <Tag tone={s.tone}>{s.title}</Tag>;
}

/** The current step; finished outcomes read green or red by their words (不予/驳回 → red). */
export function StateTag({ title, status }: { title: string; status?: string }) {
  const tone: Tone = status === 'closed' ? (/不予|驳回|撤回|不通过|拒绝/.test(title) ? 'red' : 'green') : status === 'draft' ? 'grey' : /退回|补正/.test(title) ? 'orange' : 'blue';
  return <Tag tone={tone}>{title}</Tag>;
}

export const STATUS_OPTIONS = Object.entries(STATUS).map(([value, s]) => ({ value, title: s.title }));
