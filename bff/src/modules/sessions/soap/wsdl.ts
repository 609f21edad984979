/**
 * WSDL 1.1 description of the SessionService SOAP 1.1 endpoint.
 *
 * Two schemas, both elementFormDefault="qualified":
 *  - S (SESSION_SERVICE_NS): operation wrapper elements; their local children
 *    (`req`, `return`, `sessionId`) are therefore in S as well.
 *  - T (SESSION_TYPES_NS): the request/response complex types; their local
 *    children are in T. Attributes are unqualified.
 */
import { SESSION_OPERATIONS, SESSION_SERVICE_NS, SESSION_TYPES_NS } from './soap-codec.js';
import { escapeXmlAttr } from '../../../lib/xml/xml-escape.js';

const XS_NS = 'http://www.w3.org/2001/XMLSchema';
/** What both schemas declare: their namespaces and forms (targetNamespace goes between). */
const SCHEMA_XMLNS = `xmlns:xs="${XS_NS}" xmlns:ax="${SESSION_TYPES_NS}"`;
const SCHEMA_FORMS = 'elementFormDefault="qualified" attributeFormDefault="unqualified"';
/** The namespaces declared on wsdl:definitions, in their order. */
const DEFINITIONS_XMLNS = [
  'xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"',
  'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
  'xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl"',
  `xmlns:xs="${XS_NS}"`,
  `xmlns:ns="${SESSION_SERVICE_NS}"`,
  `xmlns:ax="${SESSION_TYPES_NS}"`,
].join(' ');

const TYPES_SCHEMA = `
    <xs:schema ${SCHEMA_XMLNS} targetNamespace="${SESSION_TYPES_NS}" ${SCHEMA_FORMS}>
      <xs:complexType name="LoginExRequest">
        <xs:sequence>
          <xs:element name="applicationName" type="xs:string" minOccurs="0" nillable="true"/>
          <xs:element name="companyName" type="xs:string" minOccurs="0" nillable="true"/>
          <xs:element name="applicationPassword" type="xs:string" minOccurs="0" nillable="true"/>
          <xs:element name="localPassword" type="xs:string" minOccurs="0" nillable="true"/>
          <xs:element name="version" type="xs:string" minOccurs="0" nillable="true"/>
          <xs:element name="certificate" type="xs:string" minOccurs="0" nillable="true"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="LoginExResponse">
        <xs:sequence>
          <xs:element name="errorDesc" type="xs:string" minOccurs="0"/>
          <xs:element name="authenticationData" type="xs:string" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="result" type="xs:boolean" use="required"/>
        <xs:attribute name="sessionId" type="xs:long" use="required"/>
      </xs:complexType>
      <xs:complexType name="AuthenticateRequest">
        <xs:sequence>
          <xs:element name="signedAuthenticationData" type="xs:string" minOccurs="0" nillable="true"/>
        </xs:sequence>
        <xs:attribute name="sessionId" type="xs:long" use="required"/>
      </xs:complexType>
      <xs:complexType name="AuthenticateResponse">
        <xs:sequence>
          <xs:element name="errorDescription" type="xs:string" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="sessionId" type="xs:long" use="required"/>
        <xs:attribute name="result" type="xs:boolean" use="required"/>
      </xs:complexType>
      <xs:complexType name="ResetSessionTimerResponse">
        <xs:sequence>
          <xs:element name="errorDesc" type="xs:string" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="result" type="xs:boolean" use="required"/>
      </xs:complexType>
      <xs:complexType name="LogoutResponse">
        <xs:sequence>
          <xs:element name="errorDesc" type="xs:string" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="result" type="xs:boolean" use="required"/>
      </xs:complexType>
      <xs:complexType name="ServiceVersionsResponse">
        <xs:sequence>
          <xs:element name="errorDesc" type="xs:string" minOccurs="0"/>
          <xs:element name="serviceVersions" type="xs:string" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="result" type="xs:boolean" use="required"/>
        <xs:attribute name="sessionId" type="xs:long" use="required"/>
      </xs:complexType>
    </xs:schema>`;

function wrapper(name: string, childName: string, childType: string): string {
  return `
      <xs:element name="${name}">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="${childName}" type="${childType}"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`;
}

const SERVICE_SCHEMA = `
    <xs:schema ${SCHEMA_XMLNS} targetNamespace="${SESSION_SERVICE_NS}" ${SCHEMA_FORMS}>
      <xs:import namespace="${SESSION_TYPES_NS}"/>${[
        wrapper('loginEx', 'req', 'ax:LoginExRequest'),
        wrapper('loginExResponse', 'return', 'ax:LoginExResponse'),
        wrapper('authenticate', 'req', 'ax:AuthenticateRequest'),
        wrapper('authenticateResponse', 'return', 'ax:AuthenticateResponse'),
        wrapper('resetSessionTimer', 'sessionId', 'xs:long'),
        wrapper('resetSessionTimerResponse', 'return', 'ax:ResetSessionTimerResponse'),
        wrapper('logout', 'sessionId', 'xs:long'),
        wrapper('logoutResponse', 'return', 'ax:LogoutResponse'),
        wrapper('serviceVersions', 'sessionId', 'xs:long'),
        wrapper('serviceVersionsResponse', 'return', 'ax:ServiceVersionsResponse'),
      ].join('')}
    </xs:schema>`;

const MESSAGES = SESSION_OPERATIONS.map(
  (op) => `
  <wsdl:message name="${op}Request">
    <wsdl:part name="parameters" element="ns:${op}"/>
  </wsdl:message>
  <wsdl:message name="${op}Response">
    <wsdl:part name="parameters" element="ns:${op}Response"/>
  </wsdl:message>`,
).join('');

const PORT_TYPE_OPERATIONS = SESSION_OPERATIONS.map(
  (op) => `
    <wsdl:operation name="${op}">
      <wsdl:input message="ns:${op}Request" wsaw:Action="urn:${op}"/>
      <wsdl:output message="ns:${op}Response" wsaw:Action="urn:${op}Response"/>
    </wsdl:operation>`,
).join('');

const BINDING_OPERATIONS = SESSION_OPERATIONS.map(
  (op) => `
    <wsdl:operation name="${op}">
      <soap:operation soapAction="urn:${op}" style="document"/>
      <wsdl:input>
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output>
        <soap:body use="literal"/>
      </wsdl:output>
    </wsdl:operation>`,
).join('');

/** The complete WSDL 1.1 document, with the SOAP 1.1 port bound to `endpointUrl`. */
export function sessionServiceWsdl(endpointUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions ${DEFINITIONS_XMLNS} targetNamespace="${SESSION_SERVICE_NS}">
  <wsdl:documentation>Mitel Open Integration Gateway Session Management Service</wsdl:documentation>
  <wsdl:types>${TYPES_SCHEMA}${SERVICE_SCHEMA}
  </wsdl:types>${MESSAGES}
  <wsdl:portType name="SessionServicePortType">${PORT_TYPE_OPERATIONS}
  </wsdl:portType>
  <wsdl:binding name="SessionServiceSoap11Binding" type="ns:SessionServicePortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>${BINDING_OPERATIONS}
  </wsdl:binding>
  <wsdl:service name="SessionService">
    <wsdl:port name="SessionServiceHttpSoap11Endpoint" binding="ns:SessionServiceSoap11Binding">
      <soap:address location="${escapeXmlAttr(endpointUrl)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
