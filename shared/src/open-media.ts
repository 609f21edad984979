/**
 * MiContact Center Open Media, as the admin API shows it (`/api/v1/open-media/...`). The names
 * follow the Open Media Service Interface Description (MiCC Enterprise 9.8) in camelCase; the
 * limits are the service's own, so a request the console accepts is one the MiCC accepts.
 */
import { z } from 'zod';

/** Status of an Open Media request (the service's `Status`, 0–6). */
export const OPEN_MEDIA_STATUSES = [
  'unknown',
  'queued',
  'allocated',
  'handling',
  'completed',
  'failed',
  'cancelled',
] as const;
export type OpenMediaStatusName = (typeof OPEN_MEDIA_STATUSES)[number];
/** Statuses after which a request changes no more (Completed, Failed, Cancelled). */
export const OPEN_MEDIA_ENDED_STATUSES: readonly number[] = [4, 5, 6];

/**
 * Limits of the Open Media Service (the interface description's), and the product's own where it
 * gives none: `preferredAgentLogonId`, `maxNumberOfSessions` and `openMediaId`.
 */
export const OPEN_MEDIA_LIMITS = {
  serviceGroupName: 20,
  ivrInfo: 3,
  ivrLabel: 100,
  ivrData: 100,
  privateData: 255,
  preferredAgentLogonId: 20,
  sessionPriorityMin: 1,
  sessionPriorityMax: 100,
  /** Largest record ID, tenant ID or type of session (the service's 32-bit integers). */
  maxInt: 2_147_483_647,
  maxNumberOfSessions: 100,
  /** Longest OpenMediaID the product passes on. */
  openMediaId: 64,
} as const;

/** Most requests the product keeps in its view of one MiCC (the rest are refused as an error). */
export const OPEN_MEDIA_MAX_TRACKED_REQUESTS = 20_000;

const recordId = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(0, `${label} must be 0 or more`)
    .max(OPEN_MEDIA_LIMITS.maxInt, `${label} is at most ${OPEN_MEDIA_LIMITS.maxInt}`);

/** A tenant's record ID; -1 is a non-tenanted system. */
export const tenantIdSchema = z
  .number({ error: 'Tenant ID must be a number' })
  .int('Tenant ID must be a whole number')
  .min(-1, 'Tenant ID is -1 (no tenants) or a tenant record ID')
  .max(OPEN_MEDIA_LIMITS.maxInt, `Tenant ID is at most ${OPEN_MEDIA_LIMITS.maxInt}`);

export const openMediaIdSchema = z
  .string()
  .min(1, 'Open Media ID is required')
  .max(OPEN_MEDIA_LIMITS.openMediaId, `Open Media ID is at most ${OPEN_MEDIA_LIMITS.openMediaId} characters`)
  // The service's IDs are xs:string: anything but blanks, slashes and control characters.
  .regex(/^[^\s/\\\p{Cc}]+$/u, 'Open Media ID holds no spaces, slashes or control characters');

const serviceGroupNameSchema = z
  .string()
  .trim()
  .min(1, 'Service group name is required')
  .max(
    OPEN_MEDIA_LIMITS.serviceGroupName,
    `Service group name is at most ${OPEN_MEDIA_LIMITS.serviceGroupName} characters`,
  );

/** Where a request goes: a group's record ID, or a tenant and the group's name (the ID wins). */
const targetGroupShape = {
  serviceGroupId: recordId('Service group ID').optional(),
  tenantId: tenantIdSchema.optional(),
  serviceGroupName: serviceGroupNameSchema.optional(),
};
type TargetGroup = { serviceGroupId?: number; tenantId?: number; serviceGroupName?: string };
const hasTarget = (v: TargetGroup) =>
  v.serviceGroupId !== undefined || (v.tenantId !== undefined && v.serviceGroupName !== undefined);
const TARGET_MESSAGE = 'Give a service group ID, or a tenant ID and a service group name';

export const ivrInformationSchema = z
  .object({
    label: z
      .string()
      .max(OPEN_MEDIA_LIMITS.ivrLabel, `Label is at most ${OPEN_MEDIA_LIMITS.ivrLabel} characters`)
      .default(''),
    data: z
      .string()
      .max(OPEN_MEDIA_LIMITS.ivrData, `Data is at most ${OPEN_MEDIA_LIMITS.ivrData} characters`)
      .default(''),
  })
  .strict();
export type IvrInformation = z.infer<typeof ivrInformationSchema>;

const ivrInfoSchema = z
  .array(ivrInformationSchema)
  .min(1, 'Give at least one IVR label or data')
  .max(OPEN_MEDIA_LIMITS.ivrInfo, `At most ${OPEN_MEDIA_LIMITS.ivrInfo} IVR fields`)
  .refine((list) => list.some((i) => i.label !== '' || i.data !== ''), 'Give at least one IVR label or data');

const privateDataSchema = z
  .string()
  .max(OPEN_MEDIA_LIMITS.privateData, `Private data is at most ${OPEN_MEDIA_LIMITS.privateData} characters`);

const typeOfSessionSchema = (min: 0 | 1) =>
  z
    .number({ error: 'Type of session must be a number' })
    .int('Type of session must be a whole number')
    .min(min, `Type of session must be ${min} or more`)
    .max(OPEN_MEDIA_LIMITS.maxInt, `Type of session is at most ${OPEN_MEDIA_LIMITS.maxInt}`);

/** POST /open-media/requests: a (test) request, the service's AddRequest. */
export const addOpenMediaRequestSchema = z
  .object({
    ...targetGroupShape,
    ivrInfo: ivrInfoSchema,
    privateData: privateDataSchema.optional(),
    preferredAgentId: recordId('Preferred agent ID').optional(),
    preferredAgentLogonId: z
      .string()
      .trim()
      .min(1, 'Preferred agent logon ID is empty')
      .max(
        OPEN_MEDIA_LIMITS.preferredAgentLogonId,
        `Preferred agent logon ID is at most ${OPEN_MEDIA_LIMITS.preferredAgentLogonId} characters`,
      )
      .optional(),
    forceToPreferredAgent: z.boolean().optional(),
    typeOfSession: typeOfSessionSchema(1).optional(),
    /** When the contact entered the queue (UTC, in the past). */
    queueStartTime: z.iso
      .datetime({ offset: true, error: 'Queue start time must be an ISO 8601 date-time' })
      .optional(),
    sessionPriority: z
      .number({ error: 'Session priority must be a number' })
      .int('Session priority must be a whole number')
      .min(OPEN_MEDIA_LIMITS.sessionPriorityMin, 'Session priority is 1 (highest) to 100')
      .max(OPEN_MEDIA_LIMITS.sessionPriorityMax, 'Session priority is 1 (highest) to 100')
      .optional(),
  })
  .strict()
  .refine(hasTarget, { message: TARGET_MESSAGE, path: ['serviceGroupId'] })
  .refine((v) => !v.forceToPreferredAgent || v.preferredAgentId !== undefined, {
    message: 'Forcing to the preferred agent needs a preferred agent ID',
    path: ['forceToPreferredAgent'],
  });
export type AddOpenMediaRequest = z.infer<typeof addOpenMediaRequestSchema>;

/** The answer to a successful AddRequest (a refused one is an error with its reason). */
export const addOpenMediaResultSchema = z.object({
  openMediaId: z.string(),
  requestStatus: z.number().int(),
  queuePosition: z.number().int(),
  /** Estimated wait time in seconds. */
  ewt: z.number().int(),
});
export type AddOpenMediaResult = z.infer<typeof addOpenMediaResultSchema>;

/** POST /open-media/requests/{id}/cancel. */
export const cancelOpenMediaRequestSchema = z
  .object({
    /** Also take the request away from an agent it is allocated to (otherwise refused then). */
    cancelIfAllocated: z.boolean({ error: 'cancelIfAllocated must be true or false' }),
    /** Leave it out of the service group's statistics (only while not yet allocated). */
    doNotReport: z.boolean({ error: 'doNotReport must be true or false' }),
  })
  .strict();
export type CancelOpenMediaRequest = z.infer<typeof cancelOpenMediaRequestSchema>;

/** POST /open-media/requests/{id}/divert. */
export const divertOpenMediaRequestSchema = z
  .object(targetGroupShape)
  .strict()
  .refine(hasTarget, { message: TARGET_MESSAGE, path: ['serviceGroupId'] });
export type DivertOpenMediaRequest = z.infer<typeof divertOpenMediaRequestSchema>;

/**
 * The answer to a successful DivertRequest (200). Cancel, Modify and SetOptions answer 204 with no
 * body; a refusal of any of them is an error with its reason.
 */
export const divertOpenMediaResultSchema = z.object({ openMediaId: z.string() });
export type DivertOpenMediaResult = z.infer<typeof divertOpenMediaResultSchema>;

/** PATCH /open-media/requests/{id}: IVR data (a known label is replaced, a new one appended). */
export const modifyOpenMediaRequestSchema = z
  .object({ ivrInfo: ivrInfoSchema, privateData: privateDataSchema.optional() })
  .strict();
export type ModifyOpenMediaRequest = z.infer<typeof modifyOpenMediaRequestSchema>;

/** PUT /open-media/options: the service's SetOptions. */
export const openMediaOptionsSchema = z
  .object({
    /** 0: every type without its own setting; absent: all Open Media sessions. */
    typeOfSession: typeOfSessionSchema(0).optional(),
    agentActionOptions: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'Agent action is 1 to 4' })
      .optional(),
    closeTabOptions: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'Close tab is 1 to 4' })
      .optional(),
    maxNumberOfSessions: z
      .number({ error: 'Max number of sessions must be a number' })
      .int('Max number of sessions must be a whole number')
      .min(1, 'Max number of sessions is at least 1')
      .max(
        OPEN_MEDIA_LIMITS.maxNumberOfSessions,
        `Max number of sessions is at most ${OPEN_MEDIA_LIMITS.maxNumberOfSessions}`,
      )
      .optional(),
    allowDifferentTypes: z
      .union([z.literal(1), z.literal(2)], { error: 'Allow different types is 1 (no) or 2 (yes)' })
      .optional(),
    sessionLinkOptions: z
      .union([z.literal(1), z.literal(2)], {
        error: 'Session links is 1 (browser tab) or 2 (external browser)',
      })
      .optional(),
    resetAllOptions: z.boolean().optional(),
  })
  .strict()
  .refine(
    (v) =>
      (v.agentActionOptions !== 2 && v.agentActionOptions !== 4 && v.closeTabOptions !== 4) ||
      (v.typeOfSession !== undefined && v.typeOfSession > 0),
    {
      message: 'This choice applies to one type of session: give the type (1 or more)',
      path: ['typeOfSession'],
    },
  )
  .refine(
    (v) =>
      v.resetAllOptions === true ||
      [
        v.agentActionOptions,
        v.closeTabOptions,
        v.maxNumberOfSessions,
        v.allowDifferentTypes,
        v.sessionLinkOptions,
      ].some((x) => x !== undefined),
    { message: 'Choose at least one option to set, or reset them all', path: ['agentActionOptions'] },
  );
export type OpenMediaOptions = z.infer<typeof openMediaOptionsSchema>;

/** A service group as the MiCC reports it. */
export const openMediaServiceGroupSchema = z.object({
  serviceGroupId: z.number().int(),
  /** Null when the MiCC does not say (the status operations carry only the ID). */
  name: z.string().nullable(),
  open: z.boolean(),
});
export type OpenMediaServiceGroup = z.infer<typeof openMediaServiceGroupSchema>;

/**
 * Why the product could not talk to the MiCC, or what the MiCC refused, for the console to say
 * in its own language (`params` fill the message).
 */
export const OPEN_MEDIA_REASONS = [
  'micc_not_configured',
  'micc_unreachable',
  'micc_timeout',
  'micc_bad_answer',
  'micc_invalid_user',
  'micc_no_license',
  'micc_router_disconnected',
  'micc_invalid_data',
  'micc_fault',
  'too_many_requests',
  'request_not_found',
  'request_terminated',
  'group_closed',
  'group_invalid',
  'tenant_disabled',
  'preferred_agent_logged_off',
  'general_error',
  'cancel_refused',
  'modify_refused',
  'options_refused',
] as const;
export type OpenMediaReason = (typeof OPEN_MEDIA_REASONS)[number];

export const openMediaProblemSchema = z.object({
  /** One of OPEN_MEDIA_REASONS; a plain string so a console older than its server still reads the list. */
  reason: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.string()),
  /** When the product last met it (ISO 8601). */
  at: z.string(),
});
export type OpenMediaProblem = z.infer<typeof openMediaProblemSchema>;

/** GET /open-media/service-groups?tenantId=-1. */
export const openMediaServiceGroupListSchema = z.object({
  tenantId: z.number().int(),
  groups: z.array(openMediaServiceGroupSchema),
});
export type OpenMediaServiceGroupList = z.infer<typeof openMediaServiceGroupListSchema>;

export const openMediaServiceGroupQuerySchema = z
  .object({
    tenantId: z.coerce
      .number({ error: 'tenantId must be a number' })
      .int('tenantId must be a whole number')
      .min(-1, 'tenantId is -1 (no tenants) or a tenant record ID')
      .max(OPEN_MEDIA_LIMITS.maxInt)
      .default(-1),
  })
  .strict();

/** One status event of a request (the service's OpenMediaRequest). */
export const openMediaEventSchema = z.object({
  status: z.number().int().min(0).max(6),
  /** When the MiCC recorded the event (ISO 8601, UTC). */
  at: z.string(),
  agentId: z.number().int(),
  agentTenantId: z.number().int(),
  agentLogonId: z.string(),
  serviceGroupId: z.number().int(),
  queuePosition: z.number().int(),
});
export type OpenMediaEvent = z.infer<typeof openMediaEventSchema>;

/** A request with its latest status. */
export const openMediaRequestSchema = openMediaEventSchema.extend({
  openMediaId: z.string(),
  /** Estimated wait in seconds while queued, when the MiCC gives one; else null. */
  ewt: z.number().int().nullable(),
});
export type OpenMediaRequestView = z.infer<typeof openMediaRequestSchema>;

/**
 * GET /open-media/requests: every request the MiCC still holds (ended ones for its data
 * expiration time), newest status first. When the MiCC could not be read, the last list is
 * returned with `problem` saying why; `asOf` is the MiCC's time of that list.
 */
export const openMediaRequestListSchema = z.object({
  requests: z.array(openMediaRequestSchema),
  asOf: z.string().nullable(),
  problem: openMediaProblemSchema.nullable(),
});
export type OpenMediaRequestList = z.infer<typeof openMediaRequestListSchema>;

/** GET /open-media/requests/{id}/history. */
export const openMediaHistorySchema = z.object({
  openMediaId: z.string(),
  events: z.array(openMediaEventSchema),
  asOf: z.string(),
});
export type OpenMediaHistory = z.infer<typeof openMediaHistorySchema>;
