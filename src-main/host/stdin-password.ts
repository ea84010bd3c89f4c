// Reads a password from stdin (a pipe, or typed at a terminal without echo) for `plantbridge hash-password`.
export async function readPasswordFromStdin(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write('Password: ');
    stdin.setRawMode(true);
  }
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (stdin.isTTY && /[\r\n\u0003]/.test(text)) break;
  }
  if (stdin.isTTY) {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
    if (text.includes('\u0003')) throw new Error('cancelled');
  }
  return text.replace(/[\r\n]+$/, '').split(/[\r\n]/)[0] ?? '';
}
