import { AppError } from '../../core/errors.js';
import type { Project } from '../../core/project.js';
import type { ProviderDeps, SourceAdapter } from '../contract.js';
import { withLinkedChanges } from '../kit/linked-changes.js';
import { conversationChange } from '../kit/support/conversation-change.js';
import type { LinearClients } from './clients.js';
import { LinearAuthError } from './errors.js';
import { readIssue, redactIssue, type LinearIssue } from './issues.js';
import { linearSourceSchema, type LinearSource } from './schemas.js';

/** The issue's text is one file of the change, so drafters quote and cite its lines as they cite code. */
export const issuePath = (key: string) => `linear/issues/${key}`;

/** Pull requests (or merge requests) attached to an issue are followed; other attachments (a dashboard, a thread) are not. */
const pullRequestLink = /^https?:\/\/[^\s]+\/(?:pull|pulls|pull-requests|merge_requests)\/\d+(?=$|[/?#])/i;
/** Links followed per issue, so an issue with a long list of attachments cannot fan out without bound. */
const maxLinks = 5;

/** The teams a project lets the integration read issues of: its Linear triggers' and context entries'. */
const teamsOf = (project: Project, integrationId: string) =>
  new Set(
    [...project.triggers, ...project.context]
      .filter((e) => e.type === 'linear' && e.integrationId === integrationId && Array.isArray(e.teams))
      .flatMap((e) => e.teams as string[]),
  );

const describe = (source: LinearSource) => `Linear issue ${source.issue}`;

/** The newest moment the issue was read at: its last update or its newest comment, whichever is later. */
const readAt = (issue: LinearIssue) =>
  [issue.updatedAt, ...issue.comments.nodes.map((c) => c.createdAt)].reduce((a, b) =>
    Date.parse(b) > Date.parse(a) ? b : a,
  );

/**
 * A Linear issue as a run's source: its title, description and comments (redacted) are the change, as a
 * conversation drafters cite line by line, with the pull requests attached to it followed through the
 * project's integrations (their diff, commits and files). Only issues of the teams the project's Linear
 * entries name are read. Pinned to the moment it was read at: comments made later are left out.
 */
export function createLinearSource(
  clients: LinearClients,
  deps: Pick<ProviderDeps, 'followLink'>,
): SourceAdapter<LinearSource> {
  const issueOrRefusal = async (source: LinearSource, project: Project) => {
    const teams = teamsOf(project, source.integrationId);
    if (!teams.size)
      throw new AppError(
        'invalid_source',
        `project ${project.id} has no Linear trigger or context entry for integration ${source.integrationId}`,
        [{ path: 'source.integrationId', message: "not one of the project's Linear entries" }],
      );
    const allowed = [...teams].join(', ');
    if (!teams.has(source.issue.split('-')[0]!))
      throw new AppError('invalid_source', `${source.issue} is not of the project's Linear teams (${allowed})`, [
        { path: 'source.issue', message: `not of team ${allowed}` },
      ]);
    let issue: LinearIssue | undefined;
    try {
      issue = await readIssue(await clients.api(source.integrationId), source.issue);
    } catch (error) {
      if (!(error instanceof LinearAuthError)) throw error;
      throw new AppError(
        'invalid_source',
        `Linear refused the credentials of integration ${source.integrationId}: connect it again`,
        [{ path: 'source.integrationId', message: 'credentials refused by Linear' }],
      );
    }
    if (!issue)
      throw new AppError(
        'invalid_source',
        `Linear issue ${source.issue} does not exist or is not visible to the connection`,
        [{ path: 'source.issue', message: 'not found in Linear' }],
      );
    // An issue moved to another team answers to its old key with its new identifier.
    if (!teams.has(issue.team.key))
      throw new AppError(
        'invalid_source',
        `${source.issue} is now ${issue.identifier}, not of the project's Linear teams (${allowed})`,
        [{ path: 'source.issue', message: `moved to team ${issue.team.key}` }],
      );
    return issue;
  };

  return {
    sourceSchema: linearSourceSchema,
    describeSource: describe,

    async validateSource(source, project) {
      const issue = await issueOrRefusal(source, project);
      return {
        type: 'linear',
        integrationId: source.integrationId,
        issue: issue.identifier,
        updatedAt: source.updatedAt ?? readAt(issue),
        url: source.url ?? issue.url,
      };
    },

    async gatherContext(source, project) {
      const issue = await issueOrRefusal(source, project);
      const redacted = redactIssue(issue, source.updatedAt);
      const links = [...new Set(issue.attachments.nodes.map((a) => a.url).filter((u) => pullRequestLink.test(u)))];
      const note = [
        `${describe(source)}: ${redacted.title}`,
        ...redacted.status,
        links.length > maxLinks
          ? `Only the first ${maxLinks} of the issue's ${links.length} pull requests were followed.`
          : '',
      ].filter(Boolean);
      const change = {
        ...conversationChange(describe(source), note.join('\n'), [
          {
            path: issuePath(source.issue),
            title: `${source.issue}: ${redacted.title}`,
            url: source.url ?? issue.url,
            messages: [
              ...(redacted.description
                ? [{ role: 'asker' as const, label: 'Description', text: redacted.description }]
                : []),
              ...redacted.comments.map((c) => ({
                role: 'member' as const,
                label: `Comment of ${c.createdAt.slice(0, 10)}`,
                text: c.text,
                ref: c.id,
              })),
            ],
          },
        ]),
        commits: [],
      };
      return { change: await withLinkedChanges(change, links.slice(0, maxLinks), project, deps.followLink) };
    },

    sourceUrl: (source) => source.url,
    citationUrl: (source, citation) => (citation.path === issuePath(source.issue) ? source.url : undefined),
  };
}
