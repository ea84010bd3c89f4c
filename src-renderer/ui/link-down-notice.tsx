// Shown while the WebSocket to PlantBridge is down: values on screen are then frozen, not live.
import { useLinkState, useLoadError } from '../state/hooks.js';

export function LinkDownNotice() {
  const link = useLinkState();
  const loadError = useLoadError();
  if (link === 'down') {
    return (
      <div className="link-down" role="alert" data-testid="link-down">
        Disconnected from PlantBridge – reconnecting… Values shown are the last received and are not live.
      </div>
    );
  }
  if (loadError && link === 'open') {
    return (
      <div className="load-error" role="alert" data-testid="load-error">
        Could not load all data: {loadError}
      </div>
    );
  }
  return null;
}
