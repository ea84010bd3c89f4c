// Commands: the audit of every write and remote command, and the per-tag remote command switches.
import { CommandLog } from './command-log.js';
import { RemoteCommands } from './remote-commands.js';

export function CommandsPage() {
  return (
    <div data-testid="commands-page">
      <h2 className="section-title">Command log</h2>
      <CommandLog />
      <h2 className="section-title">Remote commands</h2>
      <RemoteCommands />
    </div>
  );
}
