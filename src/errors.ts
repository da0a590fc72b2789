/** A position in a user's file, 1-based, as editors show it. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One problem found in a config or scenario file, with where it is. */
export interface Problem {
  message: string;
  location?: SourceLocation;
  /** A few lines of the file around the location, with a caret line. */
  frame?: string;
}

/** Base class: every error payprobe raises on purpose carries a stable `code`. */
export class PayprobeError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The config file is missing, unreadable or invalid; `problems` lists every problem found. */
export class ConfigError extends PayprobeError {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = [], options?: { cause?: unknown }) {
    super('CONFIG_INVALID', message, options);
    this.problems = problems;
  }
}

/** One or more scenario files are invalid; `problems` lists every problem in every file. */
export class ScenarioError extends PayprobeError {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = [], options?: { cause?: unknown }) {
    super('SCENARIO_INVALID', message, options);
    this.problems = problems;
  }
}

/** The merchant could not be started or reached. */
export class MerchantError extends PayprobeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MERCHANT_UNAVAILABLE', message, options);
  }
}

/** A sandbox could not start (port taken, keys unreadable) or a provider misbehaved. */
export class ProviderError extends PayprobeError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** A bug in payprobe itself. */
export class InternalError extends PayprobeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, options);
  }
}
