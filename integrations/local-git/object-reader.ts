import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { safeConfig, safeEnv } from './git.js';

export interface GitObject {
  id: string;
  type: string;
  content: Buffer;
}

interface Waiting {
  resolve(object: GitObject | undefined): void;
  reject(error: Error): void;
}

export class ObjectReaderError extends Error {
  override name = 'ObjectReaderError';
}

/**
 * One long-running `git cat-file --batch` for a repository: objects are asked for by name
 * (`<commit>:<path>`, `<rev>^{commit}`) on its stdin and answered in order on its stdout, so reading
 * a page costs a line written, not a process started from the (large) docflow process. The process
 * is started on the first read, ended after `idleMs` without one, and started again after it died.
 */
export class GitObjectReader {
  private session?: Session;
  private idleTimer?: NodeJS.Timeout;
  /** How many `cat-file` processes this reader has started (for tests and the benchmark). */
  started = 0;

  constructor(
    readonly repo: string,
    private readonly idleMs = 30_000,
  ) {}

  /** The object `name` resolves to; undefined when it names nothing (a missing path, an unknown revision). */
  read(name: string): Promise<GitObject | undefined> {
    // The batch protocol is line-based; such a name cannot be asked for and names no object docflow reads.
    if (name.includes('\n') || name.startsWith('-') || name === '') return Promise.resolve(undefined);
    const session = this.session ?? this.start();
    clearTimeout(this.idleTimer);
    if (!session.waiting.length) holdOpen(session, true);
    return new Promise((resolve, reject) => {
      session.waiting.push({ resolve, reject });
      session.child.stdin.write(`${name}\n`);
    });
  }

  /** Ends the process once it has answered what it was asked; the next read starts a new one. */
  close(): void {
    clearTimeout(this.idleTimer);
    this.session?.child.stdin.end();
    this.session = undefined;
  }

  /** The process's id, while one runs. */
  get pid(): number | undefined {
    return this.session?.child.pid;
  }

  private start(): Session {
    const child = spawn('git', ['-C', this.repo, ...safeConfig, 'cat-file', '--batch'], { env: safeEnv() });
    this.started++;
    const session: Session = { child, waiting: [], buffered: Buffer.alloc(0), stderr: '' };
    this.session = session;
    child.stdout.on('data', (chunk: Buffer) => {
      session.buffered = session.buffered.length ? Buffer.concat([session.buffered, chunk]) : chunk;
      this.drain(session);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      session.stderr = (session.stderr + chunk.toString('utf8')).slice(-2000);
    });
    // Writes to a process that just died fail here; its exit below fails the waiting reads.
    child.stdin.on('error', () => {});
    child.on('error', (error) => this.fail(session, error.message));
    child.on('close', (code) => this.fail(session, `git cat-file exited (${code}): ${session.stderr.trim()}`));
    holdOpen(session, false);
    return session;
  }

  private fail(session: Session, message: string): void {
    if (this.session === session) this.session = undefined;
    for (const w of session.waiting.splice(0)) w.reject(new ObjectReaderError(`${this.repo}: ${message}`));
  }

  /** Answers the waiting reads whose reply has fully arrived: `<id> <type> <size>\n<bytes>\n` or `<name> missing\n`. */
  private drain(session: Session): void {
    for (;;) {
      const lineEnd = session.buffered.indexOf(10);
      if (lineEnd < 0) return;
      const header = session.buffered.subarray(0, lineEnd).toString('utf8');
      if (/ (missing|ambiguous)$/.test(header)) {
        session.buffered = session.buffered.subarray(lineEnd + 1);
        session.waiting.shift()?.resolve(undefined);
      } else {
        const [id, type, size] = header.split(' ');
        const length = Number(size);
        if (!id || !type || !Number.isInteger(length)) {
          this.fail(session, `unexpected reply "${header.slice(0, 100)}"`);
          session.child.kill();
          return;
        }
        if (session.buffered.length < lineEnd + 1 + length + 1) return;
        const content = Buffer.from(session.buffered.subarray(lineEnd + 1, lineEnd + 1 + length));
        session.buffered = session.buffered.subarray(lineEnd + 1 + length + 1);
        session.waiting.shift()?.resolve({ id, type, content });
      }
      if (!session.waiting.length) holdOpen(session, false);
      if (!session.waiting.length && this.session === session) {
        clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => this.close(), this.idleMs);
        this.idleTimer.unref();
      }
    }
  }
}

/** A reader keeps the process alive while it owes answers, and never when idle (a CLI command must be able to end). */
function holdOpen(session: Session, hold: boolean): void {
  const { child } = session;
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as {
    ref?(): void;
    unref?(): void;
  }[])
    if (hold) handle.ref?.();
    else handle.unref?.();
}

interface Session {
  child: ChildProcessWithoutNullStreams;
  waiting: Waiting[];
  buffered: Buffer;
  stderr: string;
}

const readers = new Map<string, GitObjectReader>();

/** The reader of a repository, shared by every caller in this process. */
export function objectReader(repo: string): GitObjectReader {
  let reader = readers.get(repo);
  if (!reader) readers.set(repo, (reader = new GitObjectReader(repo)));
  return reader;
}
