import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * How the peer answers: accept (250), a temporary refusal (451), a permanent one (550), a TCP
 * listener that never sends the 220 greeting, or nothing listening on the port at all.
 */
export type PeerBehaviour = 'accept' | 'temp-fail' | 'perm-fail' | 'no-greeting' | 'stopped';

export interface ReceivedMail {
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
  /** The SMTP AUTH user of the session (peers that require auth). */
  user?: string;
}

export interface SmtpPeer {
  port: number;
  url: string;
  /** Every accepted message, parsed, in order of arrival. */
  messages: ReceivedMail[];
  /** Every SMTP AUTH attempt, as the client sent it (peers that require auth). */
  logins: Array<{ username: string; password: string; method: string }>;
  set(behaviour: PeerBehaviour): Promise<void>;
  close(): Promise<void>;
}

export const TEMP_FAIL_TEXT = 'Mailbox busy, try again later';
export const PERM_FAIL_TEXT = 'Mailbox unavailable: no such user';

/**
 * A real SMTP server on 127.0.0.1 (no TLS), whose answers the test chooses. No auth by default;
 * with `auth`, AUTH PLAIN/LOGIN over the plain connection is required and only those
 * credentials are accepted (535 otherwise).
 */
export async function startSmtpPeer(
  initial: PeerBehaviour = 'accept',
  opts: { auth?: { user: string; pass: string } } = {},
): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const logins: SmtpPeer['logins'] = [];
  let behaviour: PeerBehaviour = initial;
  let close: () => Promise<void> = async () => undefined;

  // Reserve a port once; every behaviour listens on that same port.
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const p = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });

  const smtpServer = () =>
    new SMTPServer({
      secure: false,
      logger: false,
      ...(opts.auth
        ? {
            authOptional: false,
            allowInsecureAuth: true,
            authMethods: ['PLAIN', 'LOGIN'],
            disabledCommands: ['STARTTLS'],
            onAuth(auth, _session, callback) {
              logins.push({
                username: auth.username ?? '',
                password: auth.password ?? '',
                method: auth.method,
              });
              if (auth.username === opts.auth!.user && auth.password === opts.auth!.pass)
                callback(null, { user: auth.username });
              else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
            },
          }
        : { authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'] }),
      onData(stream, session: SMTPServerSession, callback) {
        const b = behaviour;
        if (b !== 'accept') {
          stream.resume();
          stream.once('end', () => {
            const err = Object.assign(new Error(b === 'temp-fail' ? TEMP_FAIL_TEXT : PERM_FAIL_TEXT), {
              responseCode: b === 'temp-fail' ? 451 : 550,
            });
            callback(err);
          });
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            messages.push({
              parsed,
              envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) },
              ...(typeof session.user === 'string' ? { user: session.user } : {}),
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });

  const listen = async (b: PeerBehaviour): Promise<void> => {
    if (b === 'stopped') {
      close = async () => undefined;
      return;
    }
    if (b === 'no-greeting') {
      const sockets = new Set<net.Socket>();
      const server = net.createServer((s) => {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      });
      await new Promise<void>((resolve, reject) =>
        server.once('error', reject).listen(port, '127.0.0.1', resolve),
      );
      close = () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        });
      return;
    }
    const server = smtpServer();
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  };

  await listen(initial);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    logins,
    async set(next) {
      const wasListening = behaviour;
      behaviour = next;
      // accept / temp-fail / perm-fail share one SMTP server; other changes swap the listener.
      const smtp = (x: PeerBehaviour) => x === 'accept' || x === 'temp-fail' || x === 'perm-fail';
      if (smtp(wasListening) && smtp(next)) return;
      await close();
      await listen(next);
    },
    async close() {
      behaviour = 'stopped';
      await close();
      close = async () => undefined;
    },
  };
}
