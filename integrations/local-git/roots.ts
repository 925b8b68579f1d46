// The operator's folders are shared with the docs audit, which reads repositories on this machine too.
export { insideRoots, localGitRoots, rootsVariable } from '../kit/local-roots.js';
