// Messages between the kernel (main thread) and the worker that runs the wasm interpreter.

/** A request to the worker; `id` matches the reply. */
export interface IRequest {
  id: number;
  op: 'execute' | 'complete' | 'inspect' | 'is_complete' | 'kernel_info';
  code?: string;
  cursor?: number;
  silent?: boolean;
}

/** An output of a running cell, as the Rust session published it. */
export interface IEvent {
  stream?: 'stdout' | 'stderr';
  text?: string;
  data?: Record<string, any>;
  metadata?: Record<string, any>;
}

/** What the worker posts: an event of request `id`, its result, or its failure. */
export type IReply =
  | { id: number; event: IEvent }
  | { id: number; result: any }
  | { id: number; crash: string };
