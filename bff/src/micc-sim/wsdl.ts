/**
 * WSDL 1.1 of the Open Media Service as the peer serves it: document/literal wrapped, one schema
 * in the `OpenMediaService` namespace (elementFormDefault="qualified"), the LogonID and Password
 * headers, and on each operation exactly the faults the seed's FAULTS table lists for it.
 */
import { escapeXmlAttr } from '../lib/xml/xml-escape.js';
import { OM_NS, OPERATIONS, type Operation } from './soap.js';
import { FAULT_NAMES, type FaultName } from './types.js';

/** The faults of each operation, as the seed lists them. */
export const OPERATION_FAULTS: Record<Operation, readonly FaultName[]> = {
  AddRequest: ['InvalidDataException', 'NoLicenseFault', 'RouterDisconnectedFault', 'InvalidUserFault'],
  CancelRequest: [
    'NoLicenseFault',
    'RouterDisconnectedFault',
    'InvalidOpenMediaIDFault',
    'InvalidUserFault',
    'OpenMediaRequestTerminatedFault',
  ],
  DivertRequest: ['NoLicenseFault', 'RouterDisconnectedFault', 'InvalidDataException', 'InvalidUserFault'],
  ModifyRequest: ['NoLicenseFault', 'RouterDisconnectedFault', 'InvalidDataException', 'InvalidUserFault'],
  SetOptions: ['NoLicenseFault', 'RouterDisconnectedFault', 'InvalidUserFault', 'InvalidDataFault'],
  GetOpenMediaRequestStatusByID: ['InvalidOpenMediaIDFault', 'InvalidUserFault'],
  GetOpenMediaRequestHistoryByID: ['InvalidOpenMediaIDFault', 'InvalidUserFault'],
  GetOpenMediaRequestsByTime: ['InvalidUserFault'],
  GetAllOpenMediaRequestStatus: ['InvalidUserFault'],
  GetServiceGroupStatus: ['InvalidDataException', 'RouterDisconnectedFault', 'InvalidUserFault'],
  GetAllOpenMediaServiceGroupStatus: ['InvalidDataException', 'RouterDisconnectedFault', 'InvalidUserFault'],
};

type Field = readonly [name: string, type: string, optional?: boolean, many?: boolean];

function sequence(fields: readonly Field[]): string {
  const items = fields
    .map(([name, type, optional = false, many = false]) => {
      const occurs = `minOccurs="${optional ? 0 : 1}" maxOccurs="${many ? 'unbounded' : 1}"`;
      return `<s:element ${occurs} name="${name}" type="${type}"/>`;
    })
    .join('');
  return `<s:sequence>${items}</s:sequence>`;
}

const element = (name: string, fields: readonly Field[]): string =>
  `<s:element name="${name}"><s:complexType>${sequence(fields)}</s:complexType></s:element>`;
const complexType = (name: string, fields: readonly Field[]): string =>
  `<s:complexType name="${name}">${sequence(fields)}</s:complexType>`;

const TARGET: Field[] = [
  ['ServiceGroupID', 's:int', true],
  ['TenantID', 's:int', true],
  ['ServiceGroupName', 's:string', true],
];

/** Request parameters of each wrapper element (all optional on the wire; the service checks them). */
const INPUTS: Record<Operation, readonly Field[]> = {
  AddRequest: [
    ...TARGET,
    ['IVRInfo', 'tns:ArrayOfIVRInformation', true],
    ['PrivateData', 's:string', true],
    ['PreferredAgentID', 's:int', true],
    ['PreferredAgentLogonID', 's:string', true],
    ['ForceToPreferredAgent', 's:boolean', true],
    ['TypeOfSession', 's:int', true],
    ['QueueStartTime', 's:dateTime', true],
    ['SessionPriority', 's:int', true],
  ],
  CancelRequest: [
    ['OpenMediaID', 's:string', true],
    ['CancelIfAllocated', 's:int'],
    ['DoNotReport', 's:int'],
  ],
  DivertRequest: [['OpenMediaID', 's:string', true], ...TARGET],
  ModifyRequest: [
    ['OpenMediaID', 's:string', true],
    ['IVRInfo', 'tns:ArrayOfIVRInformation', true],
    ['PrivateData', 's:string', true],
  ],
  SetOptions: [
    ['TypeOfSession', 's:int', true],
    ['AgentActionOptions', 's:int', true],
    ['CloseTabOptions', 's:int', true],
    ['MaxNumberOfSessions', 's:int', true],
    ['AllowDifferentTypes', 's:int', true],
    ['SessionLinkOptions', 's:int', true],
    ['ResetAllOptions', 's:int', true],
  ],
  GetOpenMediaRequestStatusByID: [['OpenMediaID', 's:string', true]],
  GetOpenMediaRequestHistoryByID: [
    ['OpenMediaID', 's:string', true],
    ['RetrieveLaterThan', 's:dateTime'],
  ],
  GetOpenMediaRequestsByTime: [['RetrieveLaterThan', 's:dateTime']],
  GetAllOpenMediaRequestStatus: [],
  GetServiceGroupStatus: [['serviceGroupID', 's:int']],
  GetAllOpenMediaServiceGroupStatus: [['tenantID', 's:int']],
};

const RESULT_TYPES: Record<Operation, string> = {
  AddRequest: 'tns:AddOpenMediaResponse',
  CancelRequest: 's:boolean',
  DivertRequest: 'tns:DivertOpenMediaResponse',
  ModifyRequest: 's:boolean',
  SetOptions: 's:boolean',
  GetOpenMediaRequestStatusByID: 'tns:GetOpenMediaResponse',
  GetOpenMediaRequestHistoryByID: 'tns:GetOpenMediaResponse',
  GetOpenMediaRequestsByTime: 'tns:GetOpenMediaResponse',
  GetAllOpenMediaRequestStatus: 'tns:GetOpenMediaResponse',
  GetServiceGroupStatus: 'tns:ServiceGroupStatus',
  GetAllOpenMediaServiceGroupStatus: 'tns:GetAllServiceGroupResponse',
};

const TYPES = [
  complexType('ArrayOfIVRInformation', [['IVRInformation', 'tns:IVRInformation', true, true]]),
  complexType('IVRInformation', [
    ['Label', 's:string', true],
    ['Data', 's:string', true],
  ]),
  complexType('AddOpenMediaResponse', [
    ['RequestStatus', 's:int'],
    ['OpenMediaID', 's:string', true],
    ['QueuePosition', 's:int'],
    ['EWT', 's:int'],
  ]),
  complexType('DivertOpenMediaResponse', [
    ['RequestStatus', 's:int'],
    ['OpenMediaID', 's:string', true],
  ]),
  complexType('GetOpenMediaResponse', [
    ['TimeStamp', 's:dateTime'],
    ['OpenMediaRequests', 'tns:ArrayOfOpenMediaRequest', true],
  ]),
  complexType('ArrayOfOpenMediaRequest', [['OpenMediaRequest', 'tns:OpenMediaRequest', true, true]]),
  complexType('OpenMediaRequest', [
    ['ID', 's:string', true],
    ['Status', 's:int'],
    ['TimeStamp', 's:dateTime'],
    ['AgentID', 's:int'],
    ['TenantID', 's:int'],
    ['LogonID', 's:string', true],
    ['ServiceGroupID', 's:int'],
    ['QueuePosition', 's:int'],
    ['EWT', 's:int', true],
  ]),
  complexType('ServiceGroupStatus', [
    ['ServiceGroupID', 's:int'],
    ['Open', 's:boolean'],
    ['ServiceGroupName', 's:string', true],
  ]),
  complexType('GetAllServiceGroupResponse', [['Status', 'tns:ArrayOfServiceGroupStatus', true]]),
  complexType('ArrayOfServiceGroupStatus', [['ServiceGroupStatus', 'tns:ServiceGroupStatus', true, true]]),
  complexType('FaultDetail', [['Message', 's:string', true]]),
  '<s:element name="LogonID" type="s:string"/><s:element name="Password" type="s:string"/>',
  ...FAULT_NAMES.map((f) => `<s:element name="${f}" type="tns:FaultDetail"/>`),
  ...OPERATIONS.flatMap((op) => [
    element(op, INPUTS[op]),
    element(`${op}Response`, [[`${op}Result`, RESULT_TYPES[op], true]]),
  ]),
].join('\n      ');

const MESSAGES = [
  '<wsdl:message name="LogonIDHeader"><wsdl:part name="LogonID" element="tns:LogonID"/></wsdl:message>',
  '<wsdl:message name="PasswordHeader"><wsdl:part name="Password" element="tns:Password"/></wsdl:message>',
  ...FAULT_NAMES.map(
    (f) => `<wsdl:message name="${f}Message"><wsdl:part name="detail" element="tns:${f}"/></wsdl:message>`,
  ),
  ...OPERATIONS.flatMap((op) => [
    `<wsdl:message name="${op}SoapIn"><wsdl:part name="parameters" element="tns:${op}"/></wsdl:message>`,
    `<wsdl:message name="${op}SoapOut"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`,
  ]),
].join('\n  ');

const PORT_TYPE = OPERATIONS.map(
  (op) =>
    `<wsdl:operation name="${op}"><wsdl:input message="tns:${op}SoapIn"/>` +
    `<wsdl:output message="tns:${op}SoapOut"/>` +
    OPERATION_FAULTS[op].map((f) => `<wsdl:fault name="${f}" message="tns:${f}Message"/>`).join('') +
    '</wsdl:operation>',
).join('\n    ');

const BINDING = OPERATIONS.map(
  (op) =>
    `<wsdl:operation name="${op}"><soap:operation soapAction="${OM_NS}/${op}" style="document"/>` +
    '<wsdl:input><soap:body use="literal"/>' +
    '<soap:header message="tns:LogonIDHeader" part="LogonID" use="literal"/>' +
    '<soap:header message="tns:PasswordHeader" part="Password" use="literal"/></wsdl:input>' +
    '<wsdl:output><soap:body use="literal"/></wsdl:output>' +
    OPERATION_FAULTS[op]
      .map((f) => `<wsdl:fault name="${f}"><soap:fault name="${f}" use="literal"/></wsdl:fault>`)
      .join('') +
    '</wsdl:operation>',
).join('\n    ');

/** The complete WSDL with the SOAP 1.1 port at `endpointUrl`. */
export function openMediaWsdl(endpointUrl: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${OM_NS}" targetNamespace="${OM_NS}">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="${OM_NS}">
      ${TYPES}
    </s:schema>
  </wsdl:types>
  ${MESSAGES}
  <wsdl:portType name="OpenMediaServiceSoap">
    ${PORT_TYPE}
  </wsdl:portType>
  <wsdl:binding name="OpenMediaServiceSoap" type="tns:OpenMediaServiceSoap">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    ${BINDING}
  </wsdl:binding>
  <wsdl:service name="OpenMediaService">
    <wsdl:port name="OpenMediaServiceSoap" binding="tns:OpenMediaServiceSoap">
      <soap:address location="${escapeXmlAttr(endpointUrl)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
