// cloudlab as a JupyterLite kernel: Jupyter messages in, calls on the wasm interpreter in
// a Web Worker out. Outputs mirror the native kernel's iopub messages (stream,
// display_data, error); a crashed worker is replaced and the cell says so.
import type { KernelMessage } from '@jupyterlab/services';
import { BaseKernel, IKernel } from '@jupyterlite/services';
import type { IDriveOptions } from './drive';
import type { IEvent, IReply, IRequest } from './protocol';

/** The worker script; it starts loading and compiling the wasm module at once. */
function newWorker(): Worker {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

let warm: Worker | null = null;

/**
 * Starts a worker while JupyterLab is still starting, so the wasm module is fetched and
 * compiled by the time the notebook asks for a kernel (the first kernel takes it).
 */
export function prewarmWorker(): void {
  warm ??= newWorker();
}

function takeWarmWorker(): Worker | null {
  const w = warm;
  warm = null;
  return w;
}

type Pending = { resolve: (v: any) => void; reject: (e: Error) => void; onEvent?: (e: IEvent) => void };

export class CloudlabKernel extends BaseKernel {
  private _worker!: Worker;
  private _next = 1;
  private _pending = new Map<number, Pending>();
  private _info: Promise<any>;

  private _drive: IDriveOptions | undefined;

  /** `drive`: how the worker reaches the file browser's files (none: file commands say so). */
  constructor(options: IKernel.IOptions, drive?: Omit<IDriveOptions, 'location'>) {
    super(options);
    this._drive = drive && { ...drive, location: options.location ?? '' };
    this._startWorker();
    this._info = this._call({ op: 'kernel_info', drive: this._drive });
  }

  /** Ready once the worker has loaded the wasm module and answered kernel_info. */
  get ready(): Promise<void> {
    return this._info.then(() => undefined);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._worker.terminate();
    this._failAll('the kernel was shut down');
    super.dispose();
  }

  private _startWorker(): void {
    this._worker = takeWarmWorker() ?? newWorker();
    this._worker.onmessage = (e: MessageEvent<IReply>) => this._onReply(e.data);
    this._worker.onerror = (e: ErrorEvent) => {
      this._failAll(`the cloudlab worker failed: ${e.message}`);
    };
  }

  private _onReply(r: IReply): void {
    const p = this._pending.get(r.id);
    if (!p) {
      return;
    }
    if ('event' in r) {
      p.onEvent?.(r.event);
      return;
    }
    this._pending.delete(r.id);
    if ('result' in r) {
      p.resolve(r.result);
    } else {
      // The wasm instance trapped: start a fresh one so the next cell runs.
      this._worker.terminate();
      this._failAll('the cloudlab interpreter restarted');
      this._startWorker();
      void this._call({ op: 'kernel_info', drive: this._drive });
      p.reject(new Error(r.crash));
    }
  }

  private _failAll(why: string): void {
    for (const [, p] of this._pending) {
      p.reject(new Error(why));
    }
    this._pending.clear();
  }

  private _call(req: Omit<IRequest, 'id'>, onEvent?: (e: IEvent) => void): Promise<any> {
    const id = this._next++;
    return new Promise((resolve, reject) => {
      this._pending.set(id, { resolve, reject, onEvent });
      this._worker.postMessage({ ...req, id });
    });
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg['content']> {
    const info = await this._info;
    return { status: 'ok', protocol_version: '5.3', ...info };
  }

  async executeRequest(
    content: KernelMessage.IExecuteRequestMsg['content']
  ): Promise<KernelMessage.IExecuteReplyMsg['content']> {
    const parent = this.parentHeader;
    const silent = !!content.silent;
    const onEvent = (e: IEvent) => {
      if (silent) {
        return;
      }
      if (e.stream) {
        this.stream({ name: e.stream, text: e.text ?? '' }, parent);
      } else if (e.display_id && e.update) {
        this.updateDisplayData(
          { data: e.data ?? {}, metadata: e.metadata ?? {}, transient: { display_id: e.display_id } } as any,
          parent
        );
      } else {
        const transient = e.display_id ? { display_id: e.display_id } : {};
        this.displayData({ data: e.data ?? {}, metadata: e.metadata ?? {}, transient } as any, parent);
      }
    };
    let outcome: any;
    try {
      outcome = await this._call({ op: 'execute', code: content.code, silent }, onEvent);
    } catch (err) {
      const why = `cloudlab's interpreter stopped while running this cell and was restarted with an empty lab; run the notebook's cells again. (${String((err as Error).message).split('\n')[0]})`;
      outcome = { status: 'error', ename: 'KernelRestarted', evalue: why, traceback: [why] };
    }
    if (outcome.status === 'error') {
      const { ename, evalue, traceback } = outcome;
      if (!silent) {
        this.publishExecuteError({ ename, evalue, traceback }, parent);
      }
      return { status: 'error', execution_count: this.executionCount, ename, evalue, traceback } as any;
    }
    return { status: 'ok', execution_count: this.executionCount, user_expressions: {} } as any;
  }

  async completeRequest(
    content: KernelMessage.ICompleteRequestMsg['content']
  ): Promise<KernelMessage.ICompleteReplyMsg['content']> {
    const c = await this._call({ op: 'complete', code: content.code, cursor: content.cursor_pos });
    return { status: 'ok', metadata: {}, ...c };
  }

  async inspectRequest(
    content: KernelMessage.IInspectRequestMsg['content']
  ): Promise<KernelMessage.IInspectReplyMsg['content']> {
    const r = await this._call({ op: 'inspect', code: content.code, cursor: content.cursor_pos });
    return { status: 'ok', found: r.found, data: r.data, metadata: {} };
  }

  async isCompleteRequest(
    content: KernelMessage.IIsCompleteRequestMsg['content']
  ): Promise<KernelMessage.IIsCompleteReplyMsg['content']> {
    return await this._call({ op: 'is_complete', code: content.code });
  }

  async commInfoRequest(
    content: KernelMessage.ICommInfoRequestMsg['content']
  ): Promise<KernelMessage.ICommInfoReplyMsg['content']> {
    return { status: 'ok', comms: {} };
  }

  inputReply(content: KernelMessage.IInputReplyMsg['content']): void {}

  async commOpen(msg: KernelMessage.ICommOpenMsg): Promise<void> {}

  async commMsg(msg: KernelMessage.ICommMsgMsg): Promise<void> {}

  async commClose(msg: KernelMessage.ICommCloseMsg): Promise<void> {}
}
