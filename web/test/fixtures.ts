// The shared fixtures now live in src/test-support/; this re-export serves the engine and
// simulator tests still in web/test/ until they move beside their units too.
export * from '../src/test-support/fixtures';
