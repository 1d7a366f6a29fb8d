// Registers the cloudlab kernel with JupyterLite.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import { IServiceWorkerManager } from '@jupyterlite/apputils';
import { IKernel, IKernelSpecs } from '@jupyterlite/services';
import { CloudlabKernel, prewarmWorker } from './kernel';

const LOGO =
  'data:image/svg+xml;base64,' +
  btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="10" fill="#232f3e"/><path d="M16 42a10 10 0 0 1 2-19.8A14 14 0 0 1 45 20a11 11 0 0 1 3 22z" fill="#ff9900"/></svg>');

const plugin: JupyterFrontEndPlugin<void> = {
  id: '@cloudlab/jupyterlite-kernel:kernel',
  autoStart: true,
  requires: [IKernelSpecs],
  optional: [IServiceWorkerManager],
  activate: (app: JupyterFrontEnd, kernelspecs: IKernelSpecs, sw: IServiceWorkerManager | null) => {
    // The course notebooks all use this kernel: load it while the page is still starting.
    prewarmWorker();
    kernelspecs.register({
      spec: {
        // The native kernelspec's name, so course notebooks open with this kernel.
        name: 'cloudlab',
        display_name: 'cloudlab (AWS model)',
        language: 'cloudlab',
        argv: [],
        resources: { 'logo-32x32': LOGO, 'logo-64x64': LOGO }
      },
      create: async (options: IKernel.IOptions): Promise<IKernel> => {
        // Files (save, load, export, import) go through the service worker, as for
        // JupyterLite's own kernels; without one the file commands say they are unavailable.
        await sw?.ready.catch(() => undefined);
        const drive =
          sw?.enabled && sw.browsingContextId
            ? { baseUrl: PageConfig.getBaseUrl(), browsingContextId: sw.browsingContextId }
            : undefined;
        return new CloudlabKernel(options, drive);
      }
    });
  }
};

/**
 * Opens the notebooks named by `?path=` (the landing page's links) as soon as the app has
 * started. JupyterLite's own opener runs later in the router's queue, behind JupyterLab's
 * workspace-state step, which waits for a 500 ms save debounce (twice on a first visit):
 * about a second of an idle page before the notebook and its kernel start. Its later
 * openOrReveal finds this widget and only reveals it.
 */
const openEarly: JupyterFrontEndPlugin<void> = {
  id: '@cloudlab/jupyterlite-kernel:open-early',
  autoStart: true,
  activate: (app: JupyterFrontEnd) => {
    // Only JupyterLab: the notebook, tree and console apps open documents their own way.
    if (PageConfig.getOption('notebookPage')) {
      return;
    }
    const paths = new URLSearchParams(window.location.search).getAll('path').map((p) => decodeURIComponent(p));
    if (paths.length === 0) {
      return;
    }
    void app.started.then(async () => {
      for (const path of paths) {
        await app.commands.execute('docmanager:open', { path }).catch((err) => console.warn(`cloudlab: opening ${path} early failed; JupyterLite's opener will open it`, err));
      }
    });
  }
};

export default [plugin, openEarly];
