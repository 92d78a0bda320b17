// Which applicant buttons ask 确认 first (renderer/src/workflow/handover.ts): those that take the
// case out of the states the applicant may edit, read from the built-in workflows as they are —
// 保存并提交 of a filing, 提交报修 and 撤销 of a repair, the first 提交 of a complaint — and not 保存 /
// 保存修改 / 保存并启用, after which the entry stays editable.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../engine/config.js';
import type { WorkflowConfig } from '../engine/registry/types.js';
import { handoverOf, startOf } from '../renderer/src/workflow/handover.js';

const workflow = (id: string) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'workflows', `${id}.workflow.json`), 'utf8')) as WorkflowConfig;

describe('提交前确认：哪些按钮先询问', () => {
  it('保存并提交 of a filing, from 草稿 and from 退回补正, goes to 待受理 (not final)', () => {
    for (const id of ['area-filing', 'contract-filing', 'committee-filing', 'house-supplement', 'takeover-inspection', 'good-behaviour']) {
      expect(handoverOf(workflow(id), 'draft', 'SUBMIT'), id).toEqual({ stateTitle: '待受理', final: false });
      expect(handoverOf(workflow(id), 'returned', 'SUBMIT'), id).toEqual({ stateTitle: '待受理', final: false });
    }
  });

  it('提交报修 may go to 待派单（急修）or 待派单: named by their common step 待派单; 撤销 ends the repair', () => {
    expect(handoverOf(workflow('repair'), 'draft', 'SUBMIT')).toEqual({ stateTitle: '待派单', final: false });
    expect(handoverOf(workflow('repair'), 'draft', 'CANCEL')).toEqual({ stateTitle: '已撤销', final: true });
  });

  it('企业信息备案 is filed at once (已备案, final); 提交答卷 and 提交记录 end their case', () => {
    expect(handoverOf(workflow('enterprise-filing'), 'draft', 'SUBMIT')).toEqual({ stateTitle: '已备案', final: true });
    expect(handoverOf(workflow('survey-response'), 'draft', 'SUBMIT')).toEqual({ stateTitle: '已提交', final: true });
    expect(handoverOf(workflow('patrol'), 'open', 'RECORD')).toEqual({ stateTitle: '已巡检', final: true });
  });

  it('保存, 保存修改 and 保存并启用 keep the entry editable: no question', () => {
    expect(handoverOf(workflow('personnel'), 'draft', 'SAVE')).toBeNull();
    expect(handoverOf(workflow('personnel'), 'active', 'UPDATE')).toBeNull();
    expect(handoverOf(workflow('facility'), 'inUse', 'UPDATE')).toBeNull();
    expect(handoverOf(workflow('patrol-plan'), 'draft', 'SAVE')).toBeNull();
    expect(handoverOf(workflow('patrol-plan'), 'paused', 'RESUME')).toBeNull();
  });

  it('an event the state does not have asks nothing', () => {
    expect(handoverOf(workflow('area-filing'), 'submitted', 'SUBMIT')).toBeNull();
  });

  it('a type without drafts: the first 提交 starts it in its first step; a type with drafts starts editable', () => {
    expect(startOf(workflow('complaint'))).toEqual({ stateTitle: '待登记转办', final: false });
    expect(startOf(workflow('survey'))).toEqual({ stateTitle: '调查中', final: false });
    expect(startOf(workflow('area-filing'))).toBeNull();
  });
});
