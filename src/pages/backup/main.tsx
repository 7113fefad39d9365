/**
 * The backup page: export and import live on a full extension page because file dialogs
 * close popups in Chromium. Strings come from _locales like the popup's.
 */
import { render } from 'preact';
import { ExportPanel } from './export-panel';
import { ImportPanel } from './import-panel';
import { t } from '../../popup/i18n';
import '../../popup/popup.css';
import './backup.css';

function Page() {
  return (
    <main class="backup-page">
      <h1>{t('backupPageTitle')}</h1>
      <ExportPanel />
      <ImportPanel />
    </main>
  );
}

render(<Page />, document.getElementById('app')!);
if (location.hash === '#import') document.getElementById('import')?.scrollIntoView();
