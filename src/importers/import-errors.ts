/** A file that cannot be imported at all (missing, wrong format): nothing of it is written. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ImportFileError';
  }
}

/** A malformed row: the import stops here (unless told to skip), keeping every row before it. */
export class ImportRowError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ImportRowError';
  }
}
