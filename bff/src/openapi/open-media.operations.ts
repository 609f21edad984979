import {
  addOpenMediaRequestSchema,
  addOpenMediaResultSchema,
  cancelOpenMediaRequestSchema,
  divertOpenMediaRequestSchema,
  divertOpenMediaResultSchema,
  modifyOpenMediaRequestSchema,
  openMediaHistorySchema,
  openMediaOptionsSchema,
  openMediaRequestListSchema,
  openMediaServiceGroupListSchema,
  openMediaServiceGroupQuerySchema,
} from '@oig/shared';
import type { Operation } from './operations.js';

const TAG = 'Open Media';
/** What every Open Media operation may also answer (error.reason says which). */
const MICC_ERRORS = {
  409:
    'No MiContact Center element (reason micc_not_configured), or the MiCC refused: micc_invalid_user, ' +
    'micc_no_license, request_terminated, group_closed, group_invalid, tenant_disabled, ' +
    'preferred_agent_logged_off, general_error, cancel_refused, modify_refused, options_refused',
  502:
    'The MiCC could not be reached or read: micc_unreachable, micc_timeout, micc_bad_answer, ' +
    'micc_router_disconnected, micc_fault',
};
const BY_ID = { ...MICC_ERRORS, 404: 'The MiCC does not know the request (reason request_not_found)' };

/** MiContact Center Open Media (`/open-media`): reads for both roles, actions for administrators. */
export const OPEN_MEDIA_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/open-media/service-groups',
    tag: TAG,
    summary:
      "The MiCC's Open Media service groups of a tenant (-1: a system without tenants), open or closed",
    access: 'signed-in',
    query: openMediaServiceGroupQuerySchema,
    status: 200,
    response: openMediaServiceGroupListSchema,
    errors: MICC_ERRORS,
  },
  {
    method: 'get',
    path: '/open-media/requests',
    tag: TAG,
    summary:
      'Open Media requests the MiCC holds, latest status first. When the MiCC cannot be read the last ' +
      'list is returned with `problem`; with no list yet, the error',
    access: 'signed-in',
    status: 200,
    response: openMediaRequestListSchema,
    errors: MICC_ERRORS,
  },
  {
    method: 'post',
    path: '/open-media/requests',
    tag: TAG,
    summary: 'Add an Open Media request (AddRequest); a refusal is a 409 with its reason',
    access: 'administrator',
    body: addOpenMediaRequestSchema,
    status: 201,
    response: addOpenMediaResultSchema,
    errors: MICC_ERRORS,
  },
  {
    method: 'get',
    path: '/open-media/requests/{openMediaId}/history',
    tag: TAG,
    summary: 'Every status event the MiCC still holds for a request, oldest first',
    access: 'signed-in',
    status: 200,
    response: openMediaHistorySchema,
    errors: BY_ID,
  },
  {
    method: 'post',
    path: '/open-media/requests/{openMediaId}/cancel',
    tag: TAG,
    summary:
      'Cancel a request (CancelRequest). 204 when cancelled; 409 cancel_refused when it is allocated to an ' +
      'agent and cancelIfAllocated is false',
    access: 'administrator',
    body: cancelOpenMediaRequestSchema,
    status: 204,
    errors: BY_ID,
  },
  {
    method: 'post',
    path: '/open-media/requests/{openMediaId}/divert',
    tag: TAG,
    summary: 'Divert a request to another service group (DivertRequest)',
    access: 'administrator',
    body: divertOpenMediaRequestSchema,
    status: 200,
    response: divertOpenMediaResultSchema,
    errors: BY_ID,
  },
  {
    method: 'patch',
    path: '/open-media/requests/{openMediaId}',
    tag: TAG,
    summary:
      "Change a queued request's IVR data (ModifyRequest). 204 when changed; 409 modify_refused once it is " +
      'allocated',
    access: 'administrator',
    body: modifyOpenMediaRequestSchema,
    status: 204,
    errors: BY_ID,
  },
  {
    method: 'put',
    path: '/open-media/options',
    tag: TAG,
    summary: "Set the MiCC's Open Media session options (SetOptions); 204 when set",
    access: 'administrator',
    body: openMediaOptionsSchema,
    status: 204,
    errors: MICC_ERRORS,
  },
];
