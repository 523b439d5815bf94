import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { UserSchema } from '../../../../shared/schemas/auth';
import { getJson } from '../../api/http';

export const userQueries = {
  all: () =>
    queryOptions({
      queryKey: ['users'],
      queryFn: ({ signal }) => getJson('/api/users', z.array(UserSchema), signal),
    }),
};
