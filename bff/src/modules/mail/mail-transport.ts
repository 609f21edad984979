import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** Connection limits of one SMTP delivery. Short, so that a dead server does not hold a sender. */
export interface SmtpTimeouts {
  /** TCP (and TLS) connection established. */
  connectionTimeoutMs: number;
  /** The server's 220 greeting received after connecting. */
  greetingTimeoutMs: number;
  /** Inactivity on an open connection. */
  socketTimeoutMs: number;
}
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionTimeoutMs: 5_000,
  greetingTimeoutMs: 5_000,
  socketTimeoutMs: 15_000,
};

/** One message as nodemailer takes it (Message-ID, envelope and content). */
export type MailMessage = Mail.Options & { messageId: string };

/** What a delivery produced: for the file transport, the name of the .eml file written. */
export interface DeliveryReceipt {
  fileName?: string;
}

export interface MailTransport {
  /** 'smtp' or 'file'; logged with every delivery. */
  kind: 'smtp' | 'file';
  /** Delivers one message (`id`: its outbox row); rejects with nodemailer's error (responseCode, code). */
  send(message: MailMessage, id: string): Promise<DeliveryReceipt>;
  close(): void;
}

/**
 * SMTP delivery to `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…`
 * (TLS from the start). `smtp://…?tls=starttls` requires STARTTLS (refuses to send without it);
 * `smtp://…?tls=none` never upgrades (plain SMTP even when STARTTLS is offered).
 * No pooling: one connection per message keeps failures per message.
 */
export function createSmtpTransport(
  url: string,
  timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
): MailTransport {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  const tls = u.searchParams.get('tls');
  const auth = u.username
    ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }
    : undefined;
  const transporter = nodemailer.createTransport({
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(!secure && tls === 'starttls' ? { requireTLS: true } : {}),
    ...(!secure && tls === 'none' ? { ignoreTLS: true } : {}),
    ...(auth ? { auth } : {}),
    connectionTimeout: timeouts.connectionTimeoutMs,
    greetingTimeout: timeouts.greetingTimeoutMs,
    socketTimeout: timeouts.socketTimeoutMs,
    // DNS lookups are bounded by the connection timeout as well.
    dnsTimeout: timeouts.connectionTimeoutMs,
  });
  return {
    kind: 'smtp',
    async send(message) {
      await transporter.sendMail(message);
      return {};
    },
    close: () => transporter.close(),
  };
}

/**
 * The RFC 5322 text of a message (CRLF line ends) as it would go over SMTP, as a stream: attachments
 * given as streams are read as it is read, never held whole.
 */
export async function emlStream(message: MailMessage): Promise<Readable> {
  const builder = nodemailer.createTransport({ streamTransport: true, newline: 'windows' });
  const info = await builder.sendMail(message);
  return info.message as Readable;
}

/** The name of an outbox row's .eml file (no SMTP configured): `<id>.eml`, safe as a file name. */
export const emlFileName = (id: string): string => `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;

/**
 * No SMTP configured: every message becomes `<dir>/<id>.eml`, written atomically (a temporary
 * file in the same folder, then a rename), so a reader never sees half a message. The file is
 * written as the message is built (a large attachment is never one string or buffer).
 */
export function createFileTransport(dir: string): MailTransport {
  return {
    kind: 'file',
    async send(message, id) {
      await mkdir(dir, { recursive: true });
      const name = emlFileName(id);
      const tmp = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await pipeline(await emlStream(message), createWriteStream(tmp, { flags: 'wx' }));
        await rename(tmp, path.join(dir, name));
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return { fileName: name };
    },
    close: () => undefined,
  };
}
