/**
 * The eleven operations of the Open Media Service: authentication, license and router checks in
 * that order, the seed's data checks, then the model. Each check raises only faults the seed's
 * FAULTS table lists for that operation; anything else wrong with a message is a soap:Client
 * ProtocolFault without detail.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  eventListChunks,
  renderAddResult,
  renderAllServiceGroupStatus,
  renderBooleanResult,
  renderDivertResult,
  renderServiceGroupStatus,
} from './render.js';
import type { GroupTarget, OpenMediaSim, SetOptionsInput } from './sim.js';
import { Params, ProtocolFault, type SoapCall } from './soap.js';
import { SimFault, type FaultName, type IvrField } from './types.js';
import { OPERATION_FAULTS } from './wsdl.js';

export const LIMITS = { serviceGroupName: 20, ivrInfo: 3, label: 100, data: 100, privateData: 255 } as const;

export interface Credentials {
  logonId: string;
  password: string;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function sameSecret(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

function invalidData(message: string): SimFault {
  return new SimFault('InvalidDataException', message);
}

function checkLength(value: string | undefined, max: number, what: string): void {
  if (value !== undefined && value.length > max)
    throw invalidData(`${what} is longer than ${max} characters`);
}

/** IVRInfo: at most 3 fields, Label and Data ≤ 100, and at least one Label or Data. */
function ivrInfo(params: Params): IvrField[] {
  const list = params.nested('IVRInfo')?.all('IVRInformation') ?? [];
  if (list.length > LIMITS.ivrInfo)
    throw invalidData(`At most ${LIMITS.ivrInfo} IVRInformation fields are allowed`);
  const fields = list.map((el) => {
    const f = new Params(el);
    const label = f.string('Label') ?? '';
    const data = f.string('Data') ?? '';
    checkLength(label, LIMITS.label, 'An IVRInformation Label');
    checkLength(data, LIMITS.data, 'An IVRInformation Data');
    return { label, data };
  });
  if (!fields.some((f) => f.label !== '' || f.data !== '')) {
    throw invalidData('At least one IVRInformation Label or Data must be provided');
  }
  return fields;
}

/** ServiceGroupID, or TenantID and ServiceGroupName. */
function groupTarget(params: Params): GroupTarget {
  const serviceGroupId = params.int('ServiceGroupID');
  const tenantId = params.int('TenantID');
  const serviceGroupName = params.string('ServiceGroupName');
  checkLength(serviceGroupName, LIMITS.serviceGroupName, 'ServiceGroupName');
  if (serviceGroupId === undefined && (tenantId === undefined || !serviceGroupName)) {
    throw invalidData('Provide a ServiceGroupID, or a TenantID and a ServiceGroupName');
  }
  return { serviceGroupId, tenantId, serviceGroupName };
}

function zeroOrOne(params: Params, name: string): boolean {
  const value = params.int(name);
  if (value !== 0 && value !== 1) throw new ProtocolFault('Client', `${name} is required and must be 0 or 1`);
  return value === 1;
}

function requiredDateTime(params: Params, name: string): number {
  const value = params.dateTime(name);
  if (value === undefined) throw new ProtocolFault('Client', `${name} is required`);
  return value;
}

function unknownId(): SimFault {
  return new SimFault('InvalidOpenMediaIDFault', 'An OpenMediaID is required');
}

/** SetOptions' ranges; out of range is InvalidDataFault. */
function optionsInput(params: Params): SetOptionsInput {
  const input: SetOptionsInput = {
    typeOfSession: params.int('TypeOfSession'),
    agentActionOptions: params.int('AgentActionOptions'),
    closeTabOptions: params.int('CloseTabOptions'),
    maxNumberOfSessions: params.int('MaxNumberOfSessions'),
    allowDifferentTypes: params.int('AllowDifferentTypes'),
    sessionLinkOptions: params.int('SessionLinkOptions'),
  };
  const bad = (message: string): SimFault => new SimFault('InvalidDataFault', message);
  const inRange = (v: number | undefined, lo: number, hi: number, what: string): void => {
    if (v !== undefined && (v < lo || v > hi)) throw bad(`${what} must be ${lo} to ${hi}`);
  };
  inRange(input.typeOfSession, 0, 2_147_483_647, 'TypeOfSession');
  inRange(input.agentActionOptions, 1, 4, 'AgentActionOptions');
  inRange(input.closeTabOptions, 1, 4, 'CloseTabOptions');
  inRange(input.maxNumberOfSessions, 1, 100, 'MaxNumberOfSessions');
  inRange(input.allowDifferentTypes, 1, 2, 'AllowDifferentTypes');
  inRange(input.sessionLinkOptions, 1, 2, 'SessionLinkOptions');
  const reset = params.int('ResetAllOptions');
  inRange(reset, 0, 1, 'ResetAllOptions');
  const typed = input.typeOfSession !== undefined && input.typeOfSession > 0;
  if ((input.agentActionOptions === 2 || input.agentActionOptions === 4) && !typed) {
    throw bad(`AgentActionOptions ${input.agentActionOptions} needs a TypeOfSession of 1 or more`);
  }
  if (input.closeTabOptions === 4 && !typed)
    throw bad('CloseTabOptions 4 needs a TypeOfSession of 1 or more');
  input.resetAllOptions = reset === 1;
  return input;
}

/**
 * Runs one call and returns the answer's text in chunks; throws SimFault or ProtocolFault.
 */
export function handleCall(sim: OpenMediaSim, call: SoapCall, auth?: Credentials): Iterable<string> {
  const { operation: op, params } = call;
  const may = (fault: FaultName): boolean => OPERATION_FAULTS[op].includes(fault);
  if (auth && !(sameSecret(call.logonId, auth.logonId) && sameSecret(call.password, auth.password))) {
    throw new SimFault('InvalidUserFault', 'The user could not be authenticated as a host administrator');
  }
  if (may('NoLicenseFault') && !sim.licensed) {
    throw new SimFault('NoLicenseFault', 'The OpenMedia site license could not be acquired');
  }
  if (may('RouterDisconnectedFault') && !sim.routerConnected) {
    throw new SimFault('RouterDisconnectedFault', 'The OpenMedia service is not connected to the router');
  }
  switch (op) {
    case 'AddRequest': {
      const target = groupTarget(params);
      const ivr = ivrInfo(params);
      const privateData = params.string('PrivateData');
      checkLength(privateData, LIMITS.privateData, 'PrivateData');
      const typeOfSession = params.int('TypeOfSession');
      if (typeOfSession !== undefined && typeOfSession < 1)
        throw invalidData('TypeOfSession must be 1 or greater');
      const sessionPriority = params.int('SessionPriority');
      if (sessionPriority !== undefined && (sessionPriority < 1 || sessionPriority > 100)) {
        throw invalidData('SessionPriority must be 1 to 100');
      }
      const queueStart = params.dateTime('QueueStartTime');
      sim.tick();
      if (queueStart !== undefined && queueStart >= sim.now * 1000) {
        throw invalidData('QueueStartTime must be earlier than the current time (GMT)');
      }
      const result = sim.addRequest({
        ...target,
        ivr,
        privateData,
        preferredAgentId: params.int('PreferredAgentID'),
        preferredAgentLogonId: params.string('PreferredAgentLogonID'),
        forceToPreferredAgent: params.bool('ForceToPreferredAgent'),
        typeOfSession,
        queueStartMs: queueStart !== undefined ? Math.floor(queueStart / 1000) : undefined,
        sessionPriority,
      });
      return [renderAddResult(result)];
    }
    case 'CancelRequest': {
      const id = params.string('OpenMediaID');
      const cancelIfAllocated = zeroOrOne(params, 'CancelIfAllocated');
      const doNotReport = zeroOrOne(params, 'DoNotReport');
      if (!id) throw unknownId();
      return [renderBooleanResult(op, sim.cancelRequest(id, cancelIfAllocated, doNotReport))];
    }
    case 'DivertRequest': {
      const target = groupTarget(params);
      const id = params.string('OpenMediaID') ?? '';
      return [renderDivertResult(sim.divertRequest(id, target))];
    }
    case 'ModifyRequest': {
      const id = params.string('OpenMediaID');
      if (!id) throw invalidData('An OpenMediaID is required');
      const ivr = ivrInfo(params);
      const privateData = params.string('PrivateData');
      checkLength(privateData, LIMITS.privateData, 'PrivateData');
      return [renderBooleanResult(op, sim.modifyRequest(id, ivr, privateData))];
    }
    case 'SetOptions':
      return [renderBooleanResult(op, sim.setOptions(optionsInput(params)))];
    case 'GetOpenMediaRequestStatusByID': {
      const id = params.string('OpenMediaID');
      if (!id) throw unknownId();
      return eventListChunks(op, sim.statusById(id));
    }
    case 'GetOpenMediaRequestHistoryByID': {
      const id = params.string('OpenMediaID');
      if (!id) throw unknownId();
      return eventListChunks(op, sim.historyById(id, requiredDateTime(params, 'RetrieveLaterThan')));
    }
    case 'GetOpenMediaRequestsByTime': {
      return eventListChunks(op, sim.byTime(requiredDateTime(params, 'RetrieveLaterThan')));
    }
    case 'GetAllOpenMediaRequestStatus':
      return eventListChunks(op, sim.allStatus());
    case 'GetServiceGroupStatus': {
      const id = params.int('serviceGroupID');
      if (id === undefined) throw invalidData('serviceGroupID is required');
      return [renderServiceGroupStatus(sim.serviceGroup(id))];
    }
    case 'GetAllOpenMediaServiceGroupStatus': {
      const tenantId = params.int('tenantID');
      if (tenantId === undefined) throw invalidData('tenantID is required (-1 for a non-tenanted system)');
      return [renderAllServiceGroupStatus(sim.serviceGroupsOf(tenantId))];
    }
  }
}
