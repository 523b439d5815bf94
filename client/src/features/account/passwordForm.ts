import { PasswordChangeSchema } from '../../../../shared/schemas/auth';
import { ApiRequestError } from '../../api/http';

export const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];
export type PasswordFormValues = Record<PasswordField, string>;

/** A message to show: an i18n key and its values, so the words follow the chosen language. */
export interface FormProblem {
  key: string;
  values?: Record<string, string | number>;
}
/** Problems by field; `form` is one that belongs to no single field (a lock, a failure). */
export type PasswordFormErrors = Partial<Record<PasswordField | 'form', FormProblem>>;

/**
 * Checks the form with the schema the server validates the request with, so that the browser refuses exactly
 * the passwords the server would (and names the limits the schema sets, not a copy of them), plus the
 * confirmation, which only the form has.
 */
export function checkPasswordForm(v: PasswordFormValues): PasswordFormErrors {
  const errors: PasswordFormErrors = {};
  const parsed = PasswordChangeSchema.safeParse({ currentPassword: v.currentPassword, newPassword: v.newPassword });
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0];
    if (field !== 'currentPassword' && field !== 'newPassword') continue;
    if (errors[field]) continue;
    if (issue.code === 'too_small') {
      errors[field] =
        field === 'currentPassword'
          ? { key: 'account.errors.required' }
          : { key: 'account.errors.tooShort', values: { min: Number(issue.minimum) } };
    } else if (issue.code === 'too_big') {
      errors[field] = { key: 'account.errors.tooLong', values: { max: Number(issue.maximum) } };
    } else {
      // The one custom rule of the schema: the new password must differ from the current one.
      errors[field] = { key: 'account.errors.unchanged' };
    }
  }
  if (v.confirm !== v.newPassword) errors.confirm = { key: 'account.errors.mismatch' };
  return errors;
}

/** Where the server's refusal goes: a wrong current password under its field, a lock above the button. */
export function serverProblems(err: unknown): PasswordFormErrors {
  if (!(err instanceof ApiRequestError)) {
    return { form: { key: 'account.errors.failed', values: { message: String(err) } } };
  }
  switch (err.code) {
    case 'WRONG_PASSWORD':
      return { currentPassword: { key: 'account.errors.wrong' } };
    case 'ACCOUNT_LOCKED': {
      const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 900;
      return { form: { key: 'account.errors.locked', values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } } };
    }
    case 'CONFLICT':
      return { form: { key: 'account.errors.changedMeanwhile' } };
    case 'VALIDATION_ERROR': {
      // Only when the server's rules moved ahead of this build of the client: show its words by the field.
      const errors: PasswordFormErrors = {};
      for (const d of Array.isArray(err.details) ? (err.details as { path?: unknown; message?: unknown }[]) : []) {
        const field = d.path === 'currentPassword' || d.path === 'newPassword' ? d.path : 'form';
        errors[field] ??= { key: 'account.errors.failed', values: { message: String(d.message) } };
      }
      return Object.keys(errors).length
        ? errors
        : { form: { key: 'account.errors.failed', values: { message: err.message } } };
    }
    default:
      return { form: { key: 'account.errors.failed', values: { message: err.message } } };
  }
}
