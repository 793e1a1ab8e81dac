/**
 * For a `jest.mock` factory: the real module with one export wrapped in a `jest.fn` that calls the
 * real function, so a test can count its calls or make one of them fail while the rest stay real.
 */
export function spyExport(path: string, name: string): Record<string, unknown> {
  const actual = jest.requireActual<Record<string, unknown>>(path);
  return { ...actual, [name]: jest.fn(actual[name] as (...args: unknown[]) => unknown) };
}
