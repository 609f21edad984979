// Local stand-ins for the peers the product talks to, for the e2e run only (127.0.0.1):
// - a Mitel Certificate Server answering the ACL JSON (GET /acl.json), switchable to failing
//   with POST /control {"mode":"ok"|"fail"};
// - a MiVoice Business "controller": a TCP listener on 127.0.0.2 (the probe connects to it;
//   127.0.0.3 has no listener, so an element there is unreachable);
// - a MiContact Center: the project's own Open Media Service (bff/src/micc-sim), paced for tests;
// - an SMTP server that keeps what it receives (with the HTML part and the attachments as text),
//   listed as JSON at GET /mails on the MCS port;
// - Google (OAuth token endpoint + Admin SDK Directory users.list), the same fake the BFF tests
//   use (run through tsx): its service-account key at GET /google on the MCS port, its users
//   endpoint switchable with POST /google/control {"users":"ok"|500|403}.
import http from 'node:http';
import net from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { fileURLToPath } from 'node:url';
import { loadSimConfig } from '../../bff/src/micc-sim/config.ts';
import { startOpenMediaSim } from '../../bff/src/micc-sim/server.ts';
import { generateUsers, startFakeGoogle } from '../../bff/src/test/fake-google.ts';
import { MICC_LOGON_ID, MICC_PASSWORD } from './micc.ts';

const MCS_PORT = Number(process.env.FAKE_MCS_PORT ?? 4781);
const MIVB_PORT = Number(process.env.FAKE_MIVB_PORT ?? 4782);
const MICC_PORT = Number(process.env.FAKE_MICC_PORT ?? 4783);
const SMTP_PORT = Number(process.env.FAKE_SMTP_PORT ?? 4784);
const GOOGLE_PORT = Number(process.env.FAKE_GOOGLE_PORT ?? 4785);
const google = await startFakeGoogle({
  port: GOOGLE_PORT,
  domain: 'example.com',
  users: generateUsers(120, 'example.com'),
});
/** Messages the SMTP peer received: envelope and parsed headers. */
const mails = [];

const acl = {
  applications: [
    {
      companyName: 'Mitel',
      applicationName: 'MiVoice Integration for Google',
      applicationPassword: 'demo-google-app-password',
      serviceType: 'standard',
      licenseProfile: 'google',
    },
    {
      companyName: 'Mitel',
      applicationName: 'MiVoice Integration for Salesforce',
      applicationPassword: 'demo-salesforce-app-password',
      serviceType: 'advanced',
      licenseProfile: 'salesforce-advanced',
      certificateSubject: 'CN=MiVoice Integration for Salesforce',
    },
    {
      companyName: 'Acme',
      applicationName: 'Call Recorder',
      applicationPassword: 'demo-acme-app-password',
      serviceType: 'standard',
      licenseProfile: 'third-party',
    },
    {
      companyName: 'Acme',
      applicationName: 'Wallboard',
      applicationPassword: 'e2e-wallboard-app-password',
      serviceType: 'standard',
      licenseProfile: 'third-party',
    },
  ],
};
let mode = 'ok';

http
  .createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') return void res.end('ok');
    if (req.method === 'GET' && req.url === '/mails') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(mails));
    }
    if (req.method === 'GET' && req.url === '/google') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          adminEmail: google.adminEmail,
          domain: google.domain,
          keyJson: google.keyJson,
          users: google.users().length,
        }),
      );
    }
    if (req.method === 'POST' && req.url === '/google/control') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const users = JSON.parse(body).users;
        google.setBehaviour({ users: users === 'ok' ? 'ok' : Number(users) });
        res.end(JSON.stringify({ users }));
      });
      return;
    }
    if (req.method === 'POST' && req.url === '/control') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        mode = JSON.parse(body).mode === 'fail' ? 'fail' : 'ok';
        res.end(JSON.stringify({ mode }));
      });
      return;
    }
    if (req.method === 'GET' && req.url === '/acl.json') {
      if (mode === 'fail') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end('certificate server maintenance');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(acl));
    }
    res.writeHead(404).end();
  })
  .listen(MCS_PORT, '127.0.0.1');

net.createServer((socket) => socket.end()).listen(MIVB_PORT, '127.0.0.2');

// The project's own Open Media Service, with authentication on (the e2e run stores these
// credentials on the MiCC element): Support has one agent, Sales none available, Billing closed.
await startOpenMediaSim({
  host: '127.0.0.1',
  port: MICC_PORT,
  auth: { logonId: MICC_LOGON_ID, password: MICC_PASSWORD },
  config: await loadSimConfig(fileURLToPath(new URL('./micc-sim.json', import.meta.url))),
});

new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        mails.push({
          from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject,
          messageId: parsed.messageId,
          text: parsed.text,
          html: typeof parsed.html === 'string' ? parsed.html : '',
          attachments: parsed.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content.toString('utf8'),
          })),
        });
        callback();
      })
      .catch(callback);
  },
}).listen(SMTP_PORT, '127.0.0.1');

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
