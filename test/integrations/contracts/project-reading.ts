import type { Project } from '../../../core/project.js';

/** A project whose only entries are these contexts (and a manual trigger), as a source adapter sees it. */
export const projectReading = (
  context: Project['context'],
  triggers: Project['triggers'] = [{ type: 'manual' }],
): Project => ({
  id: 'prj_contract',
  name: 'contract',
  triggers,
  context,
  destinations: [],
  review: { required: true, expireAfter: '1d' },
  drafting: {},
  createdAt: '',
  updatedAt: '',
});
