import assert from 'node:assert/strict';

type Failed = { code: number; stdout: string; stderr: string };

/** A bench command's usage error: exit 2, stdout empty, the message and the way to --help on stderr. */
export async function assertUsageError(run: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(run, (err: Failed) => {
    assert.equal(err.code, 2, err.stderr);
    assert.match(err.stderr, message);
    assert.match(err.stderr, /Run it with --help for usage/);
    assert.equal(err.stdout, '');
    return true;
  });
}

/** A bench command run without data beside the project: exit 1, where it looked and how to point it elsewhere. */
export async function assertMissingData(run: Promise<unknown>, command: string): Promise<void> {
  await assert.rejects(run, (err: Failed) => {
    assert.equal(err.code, 1, err.stderr);
    assert.match(err.stderr, new RegExp(`^${command}: no clusters found under \\S*/shared/eval/duc2004-dev/clusters \\(the default: the DUC 2004 data, beside the project\\)`));
    assert.match(err.stderr, /--data DIR .*DIR\/clusters\/<id>\/docs\/\*\.txt/);
    assert.doesNotMatch(err.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(err.stdout, '');
    return true;
  });
}
