// The slice of better-sqlite3 12's API this store uses; the package ships no types and
// @types/better-sqlite3 is not installed. Delete this file if that package is added.
declare module "better-sqlite3" {
  interface RunResult {
    changes: number;
    lastInsertRowid: number | bigint;
  }
  interface Statement<P extends unknown[] = unknown[], R = unknown> {
    run(...params: P): RunResult;
    get(...params: P): R | undefined;
    all(...params: P): R[];
  }
  interface Transaction<F extends (...args: never[]) => unknown> {
    (...args: Parameters<F>): ReturnType<F>;
    immediate(...args: Parameters<F>): ReturnType<F>;
  }
  interface Database {
    prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R>;
    exec(sql: string): Database;
    pragma(source: string, options?: { simple?: boolean }): unknown;
    transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F>;
    close(): Database;
    readonly open: boolean;
  }
  interface Options {
    readonly?: boolean;
    fileMustExist?: boolean;
    timeout?: number;
  }
  const Database: new (filename: string, options?: Options) => Database;
  export default Database;
}
