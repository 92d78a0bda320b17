// The second thought before a case leaves the applicant's hands (workflow/handover.ts): which
// business, where it goes, and that it can no longer be changed there. 确认提交 sends it; 取消
// or Esc leaves everything as it was (a draft stays a draft).
import { Confirm } from '../ui/Modal';
import type { Handover } from '../workflow/handover';

/** 保存并提交 → 提交: the button's act, without the saving that comes with it. */
export const verbOf = (action: string) => action.replace(/^保存并/, '') || action;

export function SubmitConfirm({ action, handover, typeTitle, number, returnTo, onConfirm, onClose }: {
  /** The button's title (保存并提交, 提交, 提交报修 …). */
  action: string;
  handover: Handover;
  typeTitle: string;
  /** The business number, once the case exists. */
  number?: string;
  /** The button clicked: the focus goes back to it when the dialog closes. */
  returnTo?: HTMLElement | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const verb = verbOf(action);
  // The step's name on one line: 「待受理」, not 「待 / 受理」.
  const step = <span className="nowrap">「{handover.stateTitle}」</span>;
  const where = !handover.stateTitle ? '将进入办理环节' : handover.final ? <>将转为{step}</> : <>将进入{step}环节</>;
  return (
    <Confirm title={`确认${verb}`} confirmText={`确认${verb}`} returnTo={returnTo} onConfirm={onConfirm} onClose={onClose}>
      <p>
        {verb}后，这份「{typeTitle}」{number && <>（业务编号 <span className="mono nowrap">{number}</span>）</>}{where}，
        {handover.final ? '不能再修改' : '办理期间不能再修改'}。
      </p>
      <p>确定{verb}吗？</p>
    </Confirm>
  );
}
