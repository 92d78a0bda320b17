// Decisions an administrator picks by name (受理, 退回补正, 审核通过 …): each gives the event name,
// the button title, the usual decision form and whether the whole form is validated first.
export interface DecisionPreset { event: string; title: string; form?: string; validate?: boolean; hint: string }

export const PRESETS: DecisionPreset[] = [
  { event: 'SUBMIT', title: '保存并提交', validate: true, hint: '提交（申请人）' },
  { event: 'ACCEPT', title: '受理', form: 'opinion', hint: '受理' },
  { event: 'RETURN', title: '退回补正', form: 'return-notice', hint: '退回补正' },
  { event: 'APPROVE', title: '审核通过', form: 'opinion', hint: '审核通过' },
  { event: 'REJECT', title: '不予备案', form: 'opinion-required', hint: '不予备案' },
  { event: 'REFUSE', title: '不予受理', form: 'opinion-required', hint: '不予受理' },
  { event: 'COMPLETE', title: '办结', form: 'opinion', hint: '办结' },
  { event: 'WITHDRAW', title: '撤回', hint: '撤回（申请人）' },
];

/** The preset an event name comes from ('APPROVE', 'APPROVE_2'), if any. */
export function presetOf(event: string): DecisionPreset | undefined {
  const base = event.replace(/_\d+$/, '');
  return PRESETS.find((p) => p.event === base);
}

/** An event name not yet used in the step: the base, else base_2, base_3 … */
export function uniqueEvent(base: string, taken: string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}_${i}`)) return `${base}_${i}`;
}
