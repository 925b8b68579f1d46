import { AppError } from '../../core/errors.js';
import type { ContextReference } from '../../core/change.js';
import type { ContextProvider } from '../contract.js';
import type { LinearClients } from './clients.js';
import { LinearAuthError } from './errors.js';
import { issueReference, readIssue } from './issues.js';
import { namedIssueKeys } from './issue-keys.js';
import type { LinearContext } from './schemas.js';
import { issuePath } from './source.js';

/**
 * Issues a change names (`ENG-123` in a pull request, a commit message, a branch, a thread) become
 * references of the run's context, for the entry's teams only; other teams' keys, unknown issues and
 * keys beyond `maxIssues` are left out and said so. A rate limit is thrown (the activity retries after
 * Linear's reset); refused credentials leave the issues out, with a note saying to reconnect.
 */
export function linearContextProvider(clients: LinearClients): ContextProvider<LinearContext> {
  return {
    async validateEntry(entry) {
      try {
        await (
          await clients.api(entry.integrationId)
        ).sdk.viewer;
      } catch (error) {
        if (error instanceof LinearAuthError)
          throw new AppError('invalid_request', `Linear refused the credentials of ${entry.integrationId}`, [
            { path: 'integrationId', message: 'connect the Linear integration again' },
          ]);
        throw error;
      }
    },
    async enrich(entry, change) {
      const teams = entry.teams;
      const named = namedIssueKeys(change, teams);
      // The issue a run comes from is its change already, not a reference of it.
      const own = new Set((change.conversations ?? []).map((c) => c.path));
      const allowed = named.allowed.filter((key) => !own.has(issuePath(key)));
      const { otherTeams } = named;
      const notes = otherTeams.map(
        (key) =>
          `${key}: not read, team ${key.split('-')[0]} is not among the Linear entry's teams (${teams.join(', ')})`,
      );
      const wanted = allowed.slice(0, entry.maxIssues);
      if (allowed.length > wanted.length)
        notes.push(
          `${allowed.slice(wanted.length).join(', ')}: not read, at most ${entry.maxIssues} Linear issues a run`,
        );
      if (!wanted.length) return { references: [], notes };
      const api = await clients.api(entry.integrationId);
      const references: ContextReference[] = [];
      for (const key of wanted) {
        let issue;
        try {
          issue = await readIssue(api, key);
        } catch (error) {
          if (!(error instanceof LinearAuthError)) throw error;
          notes.push(
            `${wanted.slice(wanted.indexOf(key)).join(', ')}: not read, Linear refused the credentials of integration ${entry.integrationId} (connect it again)`,
          );
          break;
        }
        if (!issue) notes.push(`${key}: not found in Linear, or not visible to the connection`);
        // An issue moved to another team answers to its old key with its new identifier.
        else if (!teams.includes(issue.team.key))
          notes.push(
            `${key}: not read, it is now ${issue.identifier} of team ${issue.team.key}, not among the entry's teams`,
          );
        else if (!references.some((r) => r.id === issue.identifier)) references.push(issueReference(issue));
      }
      return { references, notes };
    },
  };
}
