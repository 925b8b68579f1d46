import picomatch from 'picomatch';

/** The path rules of a code-host trigger. */
export interface PathRules {
  paths?: string[];
  ignorePaths?: string[];
}

export interface FileFilterResult {
  kept: string[];
  skip?: { reason: string; message: string };
}

const isDotPath = (file: string) => file.split('/').some((segment) => segment.startsWith('.'));

/** Applies a trigger's path rules to a change's file list; a change with nothing left is skipped, with why. */
export function filterChangedFiles(files: string[], trigger: PathRules | undefined): FileFilterResult {
  if (files.length > 0 && files.every(isDotPath)) {
    return {
      kept: [],
      skip: { reason: 'dotfiles_only', message: `the change touches only dot-files (${files.slice(0, 5).join(', ')})` },
    };
  }
  const included = trigger?.paths?.length ? picomatch(trigger.paths, { dot: true }) : () => true;
  const ignored = trigger?.ignorePaths?.length ? picomatch(trigger.ignorePaths, { dot: true }) : () => false;
  const kept = files.filter((file) => included(file) && !ignored(file));
  if (kept.length === 0) {
    const rules = [
      trigger?.paths?.length ? `paths ${trigger.paths.join(', ')}` : '',
      trigger?.ignorePaths?.length ? `ignorePaths ${trigger.ignorePaths.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return {
      kept,
      skip: { reason: 'paths_filtered', message: `no changed file matches the trigger's ${rules || 'path rules'}` },
    };
  }
  return { kept };
}
