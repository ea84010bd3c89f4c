// Saves a file result (a CSV export) the same way over HTTP and IPC: a Blob offered as a download.
import type { TextFileDto } from '../../src-main/contract/index.js';

export function saveTextFile(file: TextFileDto): void {
  const url = URL.createObjectURL(new Blob([file.body], { type: file.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the browser reads the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
