// Sends a request's file result (a CSV export, a DER certificate) over HTTP as a download: its own Content-Type and an attachment
// Content-Disposition whose file name is reduced to safe ASCII (the RFC 6266 quoted form, no header injection).
import type { ServerResponse } from 'node:http';
import type { TextFileDto } from '../contract/index.js';

export function safeFilename(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 120);
  return cleaned.length > 0 ? cleaned : 'download';
}

export function contentDisposition(filename: string): string {
  return `attachment; filename="${safeFilename(filename)}"`;
}

export function sendTextFile(res: ServerResponse, file: TextFileDto, headers: Record<string, string>): void {
  const body = Buffer.from(file.body, file.encoding === 'base64' ? 'base64' : 'utf8');
  res.writeHead(200, {
    ...headers,
    'Content-Type': /^[\w.+-]+\/[\w.+-]+(; ?charset=[\w-]+)?$/.test(file.contentType) ? file.contentType : 'application/octet-stream',
    'Content-Disposition': contentDisposition(file.filename),
    'Content-Length': String(body.length),
  });
  res.end(body);
}
