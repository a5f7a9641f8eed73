/**
 * An error the simulated API server answers with; `oc` prints it through {@link formatApiError} exactly as
 * kcmdutil.CheckErr does (openshift-cli.md §0.1).
 */
export class ApiError extends Error {
  constructor(
    /** Status reason: NotFound, AlreadyExists, Forbidden, BadRequest, Invalid, Unauthorized … */
    public readonly reason: string,
    message: string,
    /** For Invalid: the kind and name the message is about. */
    public readonly invalid?: { kind: string; name: string; causes: string[] },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Thrown when the server cannot be reached; the text depends on the command (login vs everything else). */
export class ConnectionRefusedError extends Error {
  constructor(public readonly hostPort: string) {
    super(`dial tcp ${hostPort}: connect: connection refused`);
    this.name = 'ConnectionRefusedError';
  }
}

/** A client-side error that oc prints as `error: <msg>` (CheckErr adds the prefix). */
export class ClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientError';
  }
}

/** `<resource> "<name>" not found`. */
export function notFound(qualified: string, name: string): ApiError {
  return new ApiError('NotFound', `${qualified} "${name}" not found`);
}

/** `<resource> "<name>" already exists`. */
export function alreadyExists(qualified: string, name: string): ApiError {
  return new ApiError('AlreadyExists', `${qualified} "${name}" already exists`);
}

/** `<resource> "<name>" is forbidden: <reason>`. */
export function forbidden(qualified: string, name: string | undefined, reason: string): ApiError {
  return new ApiError('Forbidden', name === undefined ? `${qualified} is forbidden: ${reason}` : `${qualified} "${name}" is forbidden: ${reason}`);
}

/** `The <Kind> "<name>" is invalid: <cause>` (one cause) or the bullet form. */
export function invalid(kind: string, name: string, causes: string[]): ApiError {
  return new ApiError('Invalid', `${kind} "${name}" is invalid: ${causes.join(', ')}`, { kind, name, causes });
}

/** The line(s) `oc` prints on stderr for an error (without the trailing newline). */
export function formatApiError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.reason === 'Invalid' && err.invalid) {
      const { kind, name, causes } = err.invalid;
      if (causes.length === 1) return `The ${kind} "${name}" is invalid: ${causes[0]}`;
      return `The ${kind} "${name}" is invalid: \n${causes.map((c) => `* ${c}`).join('\n')}`;
    }
    if (err.reason === 'Unauthorized') return `error: You must be logged in to the server (${err.message || 'Unauthorized'})`;
    return `Error from server (${err.reason}): ${err.message}`;
  }
  if (err instanceof ConnectionRefusedError) {
    return `The connection to the server ${err.hostPort} was refused - did you specify the right host or port?`;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return msg.startsWith('error: ') || msg.startsWith('error:') ? msg : `error: ${msg}`;
}
