import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { ErrorCode } from '../errors';
import { recordAccess } from '../graph/repositories/access-log.repo';
import { existingPersonalDataAccess } from './personal-data';

/**
 * Records the request's unmasked personal-data reads in the access log when the response is ready:
 * one entry for the request, buffered and written off the request path (AccessLogBuffer). While the
 * log cannot be written (a buffered write failed and a retry fails too), the response is replaced
 * by an error: personal data is not handed out without a record of it.
 */
export function accessLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const access = existingPersonalDataAccess(contextValue);
          if (!access?.pendingCount) return;
          try {
            await recordAccess(contextValue.store, access.drain());
          } catch (err) {
            contextValue.logger.error({ err }, 'access log not written: personal data withheld');
            response.http.status = 503;
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: 'The access log is unavailable: personal data cannot be shown now',
                    extensions: { code: ErrorCode.STORE_UNAVAILABLE },
                  },
                ],
              },
            };
          }
        },
      };
    },
  };
}
