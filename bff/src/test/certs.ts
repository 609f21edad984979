import { generateKeyPairSync, sign } from 'node:crypto';
import forge from 'node-forge';
import { formatSignedBytes } from '../modules/sessions/index.js';

/** Test PKI: a Mitel-Certificate-Server-like CA and application certificates it issues. */
export interface TestCa {
  certPem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

const DAY = 24 * 60 * 60 * 1000;
let serial = 1;

/** RSA keys from node:crypto (fast), converted for node-forge's certificate builder. */
function keyPair(): forge.pki.rsa.KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const priv = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  return { privateKey: priv, publicKey: forge.pki.setRsaPublicKey(priv.n, priv.e) };
}

export function makeCa(cn = 'MCS', validity?: { notBefore: Date; notAfter: Date }): TestCa {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = String(serial++).padStart(2, '0');
  cert.validity.notBefore = validity?.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = validity?.notAfter ?? new Date(Date.now() + 3650 * DAY);
  const attrs = [
    { shortName: 'C', value: 'CA' },
    { shortName: 'O', value: 'Mitel' },
    { shortName: 'CN', value: cn },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), cert, key: keys.privateKey };
}

export function issueAppCert(
  ca: TestCa,
  opts: { cn: string; notBefore?: Date; notAfter?: Date; md?: 'md5' | 'sha256' },
): { certPem: string; keyPem: string } {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = String(serial++).padStart(2, '0');
  cert.validity.notBefore = opts.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = opts.notAfter ?? new Date(Date.now() + 365 * DAY);
  cert.setSubject([
    { shortName: 'C', value: 'CA' },
    { shortName: 'O', value: 'Mitel' },
    { shortName: 'CN', value: opts.cn },
  ]);
  cert.setIssuer(ca.cert.subject.attributes);
  // Mitel's MCS signs application certificates with MD5 with RSA.
  cert.sign(ca.key, (opts.md ?? 'md5') === 'md5' ? forge.md.md5.create() : forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** What an application does with the challenge: MD5 with RSA, sent as Java signed bytes text. */
export function signChallenge(keyPem: string, challenge: string): string {
  return formatSignedBytes(sign('md5', Buffer.from(challenge, 'utf8'), keyPem));
}
