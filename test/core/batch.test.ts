import { describe, expect, it } from 'vitest';
import { batchCloseTime, batchSchema, batchWorkflowId } from '../../core/batch.js';

const monday9 = Date.parse('2026-12-07T09:00:00Z');

describe('batch settings', () => {
  it('closes a window after the first change, or at the schedule’s next fire time (UTC)', () => {
    expect(batchCloseTime({ window: '1h' }, monday9)).toBe(monday9 + 3_600_000);
    expect(batchCloseTime({ schedule: '0 9 * * MON' }, monday9 - 60_000)).toBe(monday9);
    // A change arriving at the fire time itself waits for the next one.
    expect(batchCloseTime({ schedule: '0 9 * * MON' }, monday9)).toBe(monday9 + 7 * 86_400_000);
  });

  it('names what is wrong, field by field', () => {
    const issues = (value: unknown) =>
      batchSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues({ window: '1h', maxChanges: 5 })).toEqual([]);
    expect(issues({ window: '90 minutes' })).toEqual(['window: must be a duration like "1h", "30m" or "2d"']);
    expect(issues({ schedule: '0 9 * * MON *' })).toEqual([
      'schedule: must have 5 fields (minute hour day-of-month month day-of-week), not 6',
    ]);
    expect(issues({ schedule: '0 9 31 2 *' })[0]).toMatch(/^schedule: is not a cron expression/);
    expect(issues({})).toEqual(['window: give exactly one of "window" or "schedule"']);
    expect(issues({ window: '1h', maxChanges: 51 })[0]).toMatch(/^maxChanges:/);
  });

  it('gives each project and setting its own batching workflow', () => {
    expect(batchWorkflowId('prj_a', { window: '1h' })).toBe(batchWorkflowId('prj_a', { window: '1h' }));
    expect(batchWorkflowId('prj_a', { window: '1h' })).not.toBe(batchWorkflowId('prj_a', { window: '2h' }));
    expect(batchWorkflowId('prj_a', { window: '1h' })).not.toBe(batchWorkflowId('prj_b', { window: '1h' }));
  });
});
