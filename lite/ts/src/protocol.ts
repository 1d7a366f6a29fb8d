import type { IDriveOptions } from './drive';

// Messages between the kernel (main thread) and the worker that runs the wasm interpreter.

/** A request to the worker; `id` matches the reply. */
export interface IRequest {
  id: number;
  op: 'execute' | 'complete' | 'inspect' | 'is_complete' | 'kernel_info';
  code?: string;
  /** With the first request: where the worker reaches JupyterLite's files. */
  drive?: IDriveOptions;
  cursor?: number;
  silent?: boolean;
}

/** An output of a running cell, as the Rust session published it. */
export interface IEvent {
  stream?: 'stdout' | 'stderr';
  text?: string;
  data?: Record<string, any>;
  metadata?: Record<string, any>;
  /** Progress replaced in place: `display_data` with this id, then `update_display_data`. */
  display_id?: string;
  update?: boolean;
}

/** What the worker posts: an event of request `id`, its result, or its failure. */
export type IReply =
  | { id: number; event: IEvent }
  | { id: number; result: any }
  | { id: number; crash: string };
