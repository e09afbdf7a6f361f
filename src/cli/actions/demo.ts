import { pino } from 'pino';
import { runDemo, type DemoOptions } from '../../demo/run-demo.js';
import { onTerminationSignal } from '../../runtime/graceful-shutdown.js';

export type DemoSettings = Omit<DemoOptions, 'cycleTimeoutMs' | 'print'>;

/** `cosell demo`: runs the demo; with --once stops after its cycle, else keeps it up until a stop signal. */
export async function startDemo(settings: DemoSettings): Promise<void> {
  const demo = await runDemo({
    ...settings,
    cycleTimeoutMs: 10 * 60_000,
    print: (line) => {
      console.log(line);
    },
  });
  if (settings.once) {
    await demo.stop();
    return;
  }
  onTerminationSignal(() => demo.stop(), pino({ level: 'warn' }));
}
