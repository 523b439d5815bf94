import { describe, expect, it } from 'vitest';
import { ApiRequestError, retryQuery } from '../../client/src/api/http';

describe('which failed queries the dashboard tries again', () => {
  it('shows a refusal, a missing record or an invalid request at once', () => {
    for (const status of [400, 401, 403, 404, 409, 429]) {
      expect(retryQuery(0, new ApiRequestError(status, 'X', 'refused'))).toBe(false);
    }
  });

  it('tries a server error or a dropped connection once more, and only once', () => {
    expect(retryQuery(0, new ApiRequestError(500, 'INTERNAL', 'boom'))).toBe(true);
    expect(retryQuery(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(retryQuery(1, new ApiRequestError(503, 'UNAVAILABLE', 'busy'))).toBe(false);
    expect(retryQuery(1, new TypeError('Failed to fetch'))).toBe(false);
  });
});
