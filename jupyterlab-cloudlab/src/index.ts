// JupyterLab 4 plugin: registers the `cloudlab` CodeMirror 6 language, which the kernel's
// language_info.codemirror_mode names, so cloudlab cells are highlighted by their own
// syntax instead of the shell mode's (which split IP addresses at the dots).
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { LanguageSupport, StreamLanguage } from '@codemirror/language';
import { cloudlabParser } from './tokenizer';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cloudlab:language',
  description: 'Syntax highlighting for cloudlab cells',
  autoStart: true,
  requires: [IEditorLanguageRegistry],
  activate: (_app: JupyterFrontEnd, languages: IEditorLanguageRegistry) => {
    languages.addLanguage({
      name: 'cloudlab',
      displayName: 'cloudlab',
      mime: 'text/x-cloudlab',
      extensions: ['cloudlab'],
      support: new LanguageSupport(StreamLanguage.define(cloudlabParser))
    });
  }
};

export default plugin;
