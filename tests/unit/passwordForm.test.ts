import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../client/src/api/http';
import { checkPasswordForm, serverProblems } from '../../client/src/features/account/passwordForm';

const ok = { currentPassword: 'the old one', newPassword: 'a long new passphrase', confirm: 'a long new passphrase' };

describe('checkPasswordForm', () => {
  it('passes a form the server would accept', () => {
    expect(checkPasswordForm(ok)).toEqual({});
  });

  it('names the minimum length the shared schema sets', () => {
    expect(checkPasswordForm({ ...ok, newPassword: 'short', confirm: 'short' })).toEqual({
      newPassword: { key: 'account.errors.tooShort', values: { min: 10 } },
    });
  });

  it('refuses a new password equal to the current one, as the server does', () => {
    expect(
      checkPasswordForm({ currentPassword: ok.newPassword, newPassword: ok.newPassword, confirm: ok.confirm }),
    ).toEqual({ newPassword: { key: 'account.errors.unchanged' } });
  });

  it('asks for the current password and a matching confirmation', () => {
    expect(checkPasswordForm({ ...ok, currentPassword: '', confirm: 'a long new passphrasE' })).toEqual({
      currentPassword: { key: 'account.errors.required' },
      confirm: { key: 'account.errors.mismatch' },
    });
  });
});

describe('serverProblems', () => {
  it('puts a wrong current password under its field', () => {
    expect(serverProblems(new ApiRequestError(400, 'WRONG_PASSWORD', 'wrong'))).toEqual({
      currentPassword: { key: 'account.errors.wrong' },
    });
  });

  it('says for how many minutes a locked account stays locked', () => {
    const err = new ApiRequestError(429, 'ACCOUNT_LOCKED', 'locked', { retryAfterSeconds: 841 });
    expect(serverProblems(err)).toEqual({ form: { key: 'account.errors.locked', values: { minutes: 15 } } });
  });

  it("shows the server's validation message by the field it names", () => {
    const err = new ApiRequestError(400, 'VALIDATION_ERROR', 'invalid', [{ path: 'newPassword', message: 'too weak' }]);
    expect(serverProblems(err)).toEqual({
      newPassword: { key: 'account.errors.failed', values: { message: 'too weak' } },
    });
  });
});
