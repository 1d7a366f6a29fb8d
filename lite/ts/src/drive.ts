// The browser kernel's files: JupyterLite's contents (what the file browser shows), read
// and written synchronously from the worker the way JupyterLite's own DriveFS does it —
// a blocking POST to `api/drive`, which the site's service worker forwards to the page's
// contents manager. The Rust side (`Kernel.set_drive`) calls read/write/list and maps the
// thrown names (NotFound, IsADirectory, NotADirectory) to its own errors.

/** What the worker needs to reach the page's contents. */
export interface IDriveOptions {
  baseUrl: string;
  browsingContextId: string;
  /** The notebook's folder: relative paths start there. */
  location: string;
}

const DIR_MODE = 16895; // 040777, as JupyterLite's DriveFS
const S_IFDIR = 0o040000;

/**
 * Paths as a user types them, in the contents' namespace: `/tmp/x.csv` is `tmp/x.csv`
 * under the site's root; `x.csv` is beside the notebook; `..` never leaves the root.
 */
export function contentsPath(path: string, location: string): string {
  const parts: string[] = path.startsWith('/') ? [] : location.split('/').filter(Boolean);
  for (const p of path.split('/')) {
    if (p === '' || p === '.') {
      continue;
    }
    if (p === '..') {
      parts.pop();
    } else {
      parts.push(p);
    }
  }
  return parts.join('/');
}

export class Drive {
  constructor(private _options: IDriveOptions) {}

  read(path: string): Uint8Array {
    const p = this._path(path);
    const file = this._request('get', p);
    if (file === null) {
      throw new Error(this._isDir(p) ? 'IsADirectory' : 'NotFound');
    }
    if (file.format === 'base64') {
      const bin = atob(String(file.content).replace(/\s/g, ''));
      return Uint8Array.from(bin, c => c.charCodeAt(0));
    }
    return new TextEncoder().encode(String(file.content ?? ''));
  }

  write(path: string, bytes: Uint8Array): void {
    const p = this._path(path);
    if (this._isDir(p)) {
      throw new Error('IsADirectory');
    }
    // The contents API needs the folders to exist.
    const dirs = p.split('/').slice(0, -1);
    for (let i = 1; i <= dirs.length; i++) {
      const d = dirs.slice(0, i).join('/');
      const found = this._request('lookup', d);
      if (!found?.ok) {
        this._request('mknod', d, { mode: DIR_MODE });
      } else if (!isDir(found.mode)) {
        throw new Error(`'${d}' is a file, not a folder`);
      }
    }
    let text: string | null = null;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = null;
    }
    const data =
      text !== null
        ? { format: 'text', data: text }
        : { format: 'base64', data: btoa(Array.from(bytes, b => String.fromCharCode(b)).join('')) };
    this._request('put', p, data);
  }

  list(path: string): string[] {
    const p = this._path(path);
    const found = this._request('lookup', p);
    if (!found?.ok) {
      throw new Error('NotFound');
    }
    if (!isDir(found.mode)) {
      throw new Error('NotADirectory');
    }
    return this._request('readdir', p) as string[];
  }

  private _isDir(p: string): boolean {
    const found = this._request('lookup', p);
    return !!found?.ok && isDir(found.mode);
  }

  private _path(path: string): string {
    const p = contentsPath(path, this._options.location);
    if (!p) {
      throw new Error('IsADirectory');
    }
    return p;
  }

  private _request(method: string, path: string, data?: unknown): any {
    const { baseUrl, browsingContextId } = this._options;
    const requestId = `${Date.now()}-${Math.random().toString(16).slice(2)}`;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', encodeURI(`${baseUrl}api/drive`), false);
    const body = { data: { method, path, data, requestId }, browsingContextId, requestId };
    try {
      xhr.send(JSON.stringify(body));
    } catch (e) {
      throw new Error(`the file browser did not answer (${String(e)}); files need the site's service worker`);
    }
    if (xhr.status >= 400) {
      throw new Error(`the file browser refused ${method} '${path}' (HTTP ${xhr.status})`);
    }
    return JSON.parse(xhr.responseText);
  }
}

function isDir(mode: number | undefined): boolean {
  return mode !== undefined && (mode & S_IFDIR) === S_IFDIR;
}
