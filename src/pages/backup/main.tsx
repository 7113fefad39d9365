/**
 * The backup page: export and import live on a full extension page because file dialogs
 * close popups in Chromium. Strings come from _locales like the popup's.
 */
import { render } from 'preact';
import { ExportPanel } from './export-panel';
import { ImportPanel } from './import-panel';
import { MovePanel } from './move-panel';
import { useState } from 'preact/hooks';
import { applyDocumentLocale, t } from '../../ui/i18n';
import '../../popup/popup.css';
import './backup.css';

function Page() {
  // Bumped after an import so "Move to phone" lists the new accounts.
  const [version, setVersion] = useState(0);
  return (
    <main class="backup-page">
      <h1>{t('backupPageTitle')}</h1>
      <ExportPanel />
      <ImportPanel onImported={() => setVersion((v) => v + 1)} />
      <MovePanel version={version} />
    </main>
  );
}

applyDocumentLocale();
document.title = t('backupPageTitle');
render(<Page />, document.getElementById('app')!);
if (location.hash === '#import' || location.hash === '#move') document.getElementById(location.hash.slice(1))?.scrollIntoView();
