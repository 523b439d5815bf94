/** Errors the services throw; the error middleware turns them into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown, code = 'BAD_REQUEST') {
    super(400, code, message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string | number) {
    super(404, 'NOT_FOUND', `${what} ${id} does not exist`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'CONFLICT', message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}

export class UnsupportedFileError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(415, code, message, details);
  }
}

/** The file is of a supported kind but cannot be read (no text layer, encrypted, corrupt, no article). */
export class UnprocessableFileError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(422, code, message, details);
  }
}

/** No valid session: log in first. */
export class UnauthorizedError extends AppError {
  constructor(message = 'Log in first.', code = 'NOT_AUTHENTICATED') {
    super(401, code, message);
  }
}

/** Logged in, but the role (or a missing CSRF token) does not allow this. */
export class ForbiddenError extends AppError {
  constructor(message: string, code = 'FORBIDDEN', details?: unknown) {
    super(403, code, message, details);
  }
}

/** Too many attempts; the error middleware sends `Retry-After`. */
export class TooManyRequestsError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message, { retryAfterSeconds });
  }
}
