import type { BackgroundLog, BackgroundWork } from '../../platform/background.js';
import type { ChannelSettingsService } from '../channels/index.js';
import type { CallEventSink } from './call-events.js';
import { AriAdapter } from './ari-adapter.js';
import { readCtiSettings, type CtiSettings } from './call-rules.js';
import type { CallService } from './call.service.js';
import { EslAdapter } from './esl-adapter.js';
import type { ReconnectingAdapter } from './reconnecting.js';

/** The channel whose settings configure the phone switch. */
export const CTI_CHANNEL = 'cti';

/** How often each instance looks whether the admin changed the switch's settings. */
export const SETTINGS_POLL_MS = 3000;

/** The adapter for the settings, or null when the switch is off. */
export function adapterFor(
  settings: CtiSettings,
  calls: CallService,
  log: BackgroundLog,
): ReconnectingAdapter | null {
  const context = {
    numbers: settings.numbers,
    recordingUrlTemplate: settings.recordingUrlTemplate,
  };
  switch (settings.kind) {
    case 'asterisk': {
      const sink: CallEventSink = async (event) => {
        await calls.record({ ...context, switch: 'asterisk' }, event);
      };
      return settings.ari ? new AriAdapter(settings.ari, sink, log) : null;
    }
    case 'freeswitch': {
      const sink: CallEventSink = async (event) => {
        await calls.record({ ...context, switch: 'freeswitch' }, event);
      };
      return settings.esl ? new EslAdapter(settings.esl, sink, log) : null;
    }
    case 'off':
      return null;
  }
}

/**
 * The phone switch connection as background work: it follows the admin's settings of channel
 * `cti` (read every few seconds, as every instance reads the same database), connecting,
 * reconnecting or disconnecting the adapter when they change. Every instance may connect: the
 * call service records each switch event once.
 */
export function switchConnection(
  settings: ChannelSettingsService,
  calls: CallService,
  pollMs = SETTINGS_POLL_MS,
): BackgroundWork {
  return {
    async start(log) {
      let fingerprint = '';
      let adapter: ReconnectingAdapter | null = null;
      let running: Promise<void> = Promise.resolve();
      let busy = false;
      const apply = async () => {
        const current = readCtiSettings(await settings.values(CTI_CHANNEL));
        // Compared in memory only; the settings (with their secrets) are never logged.
        const next = JSON.stringify(current);
        if (next === fingerprint) return;
        fingerprint = next;
        await adapter?.stop();
        adapter = adapterFor(current, calls, log);
        adapter?.start();
        log.info({ switch: current.kind }, 'phone switch settings applied');
      };
      const tick = () => {
        if (busy) return;
        busy = true;
        running = apply()
          .catch((error: unknown) => log.error({ err: error }, 'phone switch settings unreadable'))
          .finally(() => (busy = false));
      };
      const timer = setInterval(tick, pollMs);
      timer.unref();
      tick();
      return async () => {
        clearInterval(timer);
        await running;
        await adapter?.stop();
      };
    },
  };
}
