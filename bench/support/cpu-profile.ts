import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

/** Samples every 250 µs: fine enough for a window of a few seconds, light enough not to change it much. */
const SAMPLING_INTERVAL_US = 250;

/**
 * A V8 CPU profile of an app started with `--inspect`, over the window a measurement chooses
 * (the load, not the start-up): `start()` and `stopInto(file)` drive the inspector's Profiler.
 * The file is a `.cpuprofile` (Chrome DevTools, speedscope).
 */
export class InspectorProfile {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      const call = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id!);
      if (message.error) call.reject(new Error(message.error.message));
      else call.resolve(message.result);
    });
  }

  static async attach(inspectPort: number): Promise<InspectorProfile> {
    const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const profile = new InspectorProfile(socket);
    await profile.call('Profiler.enable');
    await profile.call('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    return profile;
  }

  async start(): Promise<void> {
    await this.call('Profiler.start');
  }

  async stopInto(file: string): Promise<void> {
    const { profile } = (await this.call('Profiler.stop')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    this.socket.close();
  }

  private call(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}
