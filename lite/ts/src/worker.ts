// The Web Worker: loads cloudlab's wasm build and runs the same Rust `Session` the native
// kernel serves, so a long simulation never blocks the page.
import init, { Kernel, trap_for_tests } from '../pkg/cloudlab_lite.js';
import type { IRequest, IReply } from './protocol';
import { Drive } from './drive';

const ctx = self as unknown as DedicatedWorkerGlobalScope;
let kernel: Kernel | null = null;
const ready = init({ module_or_path: new URL('../pkg/cloudlab_lite_bg.wasm', import.meta.url) }).then(() => {
  kernel = new Kernel();
});

function post(reply: IReply): void {
  ctx.postMessage(reply);
}

ctx.onmessage = async (e: MessageEvent<IRequest>) => {
  const req = e.data;
  try {
    await ready;
    const k = kernel!;
    if (req.drive) {
      k.set_drive(new Drive(req.drive));
    }
    let result: string;
    switch (req.op) {
      case 'execute':
        // Test hook (lite/ts/browser.test.mjs sets it in this worker): trap like a bug would.
        if ((ctx as any).cloudlabTrapNextExecute) {
          (ctx as any).cloudlabTrapNextExecute = false;
          trap_for_tests();
        }
        result = k.execute(req.code ?? '', !!req.silent, (ev: string) => post({ id: req.id, event: JSON.parse(ev) }));
        break;
      case 'complete':
        result = k.complete(req.code ?? '', req.cursor ?? 0);
        break;
      case 'inspect':
        result = k.inspect(req.code ?? '', req.cursor ?? 0);
        break;
      case 'is_complete':
        result = k.is_complete(req.code ?? '');
        break;
      default:
        result = k.kernel_info();
    }
    post({ id: req.id, result: JSON.parse(result) });
  } catch (err) {
    // A trap in the wasm module (a panic that could not unwind, out of memory): this
    // instance is unusable; the kernel starts a fresh worker.
    post({ id: req.id, crash: String((err as Error)?.stack ?? err) });
  }
};
