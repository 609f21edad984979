export {
  SESSION_SERVICE_NS,
  SESSION_TYPES_NS,
  SOAP11_ENVELOPE_NS,
  SOAP12_ENVELOPE_NS,
  SOAP_CONTENT_TYPE,
  SOAP_FAULT_HTTP_STATUS,
  SESSION_OPERATIONS,
  SoapFault,
  parseSoapRequest,
  renderAuthenticateResponse,
  renderFault,
  renderLoginExResponse,
  renderServiceVersionsResponse,
  renderSimpleResponse,
  soapActionFor,
  toSoapFault,
} from './soap-codec.js';
export type {
  LoginExRequestFields,
  ParseSoapOptions,
  SessionOperation,
  SoapFaultCode,
  SoapRequest,
} from './soap-codec.js';
export { sessionServiceWsdl } from './wsdl.js';
